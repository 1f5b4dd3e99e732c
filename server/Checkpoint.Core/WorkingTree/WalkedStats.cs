using Checkpoint.Core.Store;

namespace Checkpoint.Core.WorkingTree;

/// <summary>
/// The files a walk found, looked up by path: a cursor that follows the walk's ordinal order (a manifest
/// lists its files in that order, so each lookup is usually one comparison), a binary search otherwise.
/// Remembers which files were asked for, so the rest are the files the caller does not know.
/// </summary>
internal sealed class WalkedStats
{
    private readonly WalkedFile[] _files;
    private readonly bool[] _claimed;
    private int _cursor;

    public WalkedStats(WalkedFile[] walked)
    {
        _files = walked;
        for (int i = 1; i < _files.Length; i++)
        {
            if (string.CompareOrdinal(_files[i - 1].RelativePath, _files[i].RelativePath) >= 0)
            {
                // Never expected (walks are ordinal), but a missed lookup here would make a mirror delete a saved file.
                _files = [.. walked.OrderBy(file => file.RelativePath, StringComparer.Ordinal).DistinctBy(file => file.RelativePath)];
                break;
            }
        }
        _claimed = new bool[_files.Length];
    }

    /// <summary>The walked stat of <paramref name="path"/>, or null when the walk did not see it; marks it claimed.</summary>
    public FileStat? Find(string path)
    {
        while (_cursor < _files.Length && string.CompareOrdinal(_files[_cursor].RelativePath, path) < 0)
        {
            _cursor++;
        }
        int at = _cursor < _files.Length && _files[_cursor].RelativePath == path ? _cursor : Search(path);
        if (at < 0)
        {
            return null;
        }
        _claimed[at] = true;
        return _files[at].Stat;
    }

    /// <summary>Paths of walked files no <see cref="Find"/> asked for, in walk order.</summary>
    public List<string> Unclaimed()
    {
        List<string> paths = [];
        for (int i = 0; i < _files.Length; i++)
        {
            if (!_claimed[i])
            {
                paths.Add(_files[i].RelativePath);
            }
        }
        return paths;
    }

    private int Search(string path)
    {
        int low = 0, high = _files.Length - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int order = string.CompareOrdinal(_files[middle].RelativePath, path);
            if (order == 0)
            {
                return middle;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }
}
