using Checkpoint.Core.Store;

namespace Checkpoint.Core.WorkingTree;

/// <summary>
/// Orders a folder's entries so that walking them in place yields ordinal path order: a folder sorts as
/// "name/" ("a.md" &lt; "a/…" &lt; "a0"). A merge sort written out for this one type because the generic
/// <c>List.Sort</c> over our struct is not in the ReadyToRun image and runs unoptimised in a CLI process.
/// </summary>
internal static class WalkOrder
{
    public static void Sort(Span<DirectoryEntry> entries)
    {
        if (entries.Length < 2)
        {
            return;
        }
        DirectoryEntry[] scratch = new DirectoryEntry[entries.Length];
        MergeSort(entries, scratch);
    }

    /// <summary>Ordinal order of the keys "name" (files) and "name/" (folders), without building them.</summary>
    public static int Compare(in DirectoryEntry a, in DirectoryEntry b)
    {
        // A plain loop: names are short, and the span comparers are vectorised code a CLI process runs unoptimised.
        ReadOnlySpan<char> x = a.Name, y = b.Name;
        int common = Math.Min(x.Length, y.Length);
        for (int i = 0; i < common; i++)
        {
            if (x[i] != y[i])
            {
                return x[i] - y[i];
            }
        }
        return NextChar(a, common) - NextChar(b, common);
    }

    // The key's character after the shared prefix: the name's own, the '/' a folder's key ends with, or -1 (end).
    private static int NextChar(in DirectoryEntry entry, int at) =>
        at < entry.Name.Length ? entry.Name[at] : entry.Kind == EntryKind.Directory ? '/' : -1;

    private const int InsertionSortLimit = 16;

    private static void MergeSort(Span<DirectoryEntry> items, Span<DirectoryEntry> scratch)
    {
        if (items.Length <= InsertionSortLimit)
        {
            for (int i = 1; i < items.Length; i++)
            {
                DirectoryEntry item = items[i];
                int j = i - 1;
                for (; j >= 0 && Compare(items[j], item) > 0; j--)
                {
                    items[j + 1] = items[j];
                }
                items[j + 1] = item;
            }
            return;
        }
        int half = items.Length / 2;
        MergeSort(items[..half], scratch[..half]);
        MergeSort(items[half..], scratch[half..]);
        items.CopyTo(scratch);
        int left = 0, right = half, into = 0;
        while (left < half && right < items.Length)
        {
            items[into++] = Compare(scratch[right], scratch[left]) < 0 ? scratch[right++] : scratch[left++];
        }
        while (left < half)
        {
            items[into++] = scratch[left++];
        }
        while (right < items.Length)
        {
            items[into++] = scratch[right++];
        }
    }
}
