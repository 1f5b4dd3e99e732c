using System.Text;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// A line diff of two texts as a unified diff (<c>diff -u</c>'s format, three lines of context), computed with
/// Myers' greedy algorithm. Bounded twice, because an agent reads the answer: the edit distance it searches
/// (<see cref="MaxEditDistance"/>) and the bytes it writes (the caller's limit); either cut is said in the text.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>More differing lines than this and the diff gives up (the search costs the square of it).</summary>
    public const int MaxEditDistance = 2000;

    private const int Context = 3;

    /// <summary>The diff of <paramref name="before"/> → <paramref name="after"/>, or "" when they are equal.</summary>
    /// <param name="truncated">Set when the diff was cut at <paramref name="maxBytes"/> or the distance bound.</param>
    public static string Render(string path, string? before, string? after, int maxBytes, out bool truncated)
    {
        string[] a = Lines(before);
        string[] b = Lines(after);
        truncated = false;
        List<Edit>? script = Script(a, b);
        StringBuilder text = new();
        text.Append("--- ").Append(before is null ? "/dev/null" : "a/" + path).Append('\n');
        text.Append("+++ ").Append(after is null ? "/dev/null" : "b/" + path).Append('\n');
        if (script is null)
        {
            truncated = true;
            text.Append($"@@ more than {MaxEditDistance} lines differ: too many to show @@\n");
            return text.ToString();
        }
        if (!script.Any(e => e.Kind != ' '))
        {
            return "";
        }
        foreach ((int start, int end) in Hunks(script))
        {
            int aStart = script[start].A, bStart = script[start].B;
            int aCount = 0, bCount = 0;
            for (int i = start; i < end; i++)
            {
                if (script[i].Kind != '+') aCount++;
                if (script[i].Kind != '-') bCount++;
            }
            StringBuilder hunk = new();
            hunk.Append("@@ -").Append(Range(aStart, aCount)).Append(" +").Append(Range(bStart, bCount)).Append(" @@\n");
            for (int i = start; i < end; i++)
            {
                Edit edit = script[i];
                hunk.Append(edit.Kind).Append(edit.Kind == '+' ? b[edit.B] : a[edit.A]).Append('\n');
            }
            if (text.Length + hunk.Length > maxBytes)
            {
                truncated = true;
                text.Append("@@ diff cut here: over ").Append(maxBytes).Append(" bytes (ask for fewer paths) @@\n");
                break;
            }
            text.Append(hunk);
        }
        return text.ToString();
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static string[] Lines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>An edit script line: ' ' keep, '-' delete a[A], '+' insert b[B]; A and B are positions in each text.</summary>
    private readonly record struct Edit(char Kind, int A, int B);

    /// <summary>Groups changes with their context; hunks closer than twice the context merge, as diff -u does.</summary>
    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> script)
    {
        int i = 0;
        while (i < script.Count)
        {
            while (i < script.Count && script[i].Kind == ' ') i++;
            if (i == script.Count) yield break;
            int start = Math.Max(0, i - Context);
            int end = i;
            while (end < script.Count)
            {
                if (script[end].Kind != ' ') { end++; continue; }
                int run = end;
                while (run < script.Count && script[run].Kind == ' ') run++;
                if (run == script.Count || run - end > 2 * Context)
                {
                    end = Math.Min(run, end + Context);
                    break;
                }
                end = run;
            }
            yield return (start, end);
            i = end;
        }
    }

    /// <summary>Myers' O((N+M)·D) shortest edit script, or null past <see cref="MaxEditDistance"/>.</summary>
    private static List<Edit>? Script(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length, max = Math.Min(n + m, MaxEditDistance);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = [];
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++)
        {
            trace.Add((int[])v.Clone());
            for (int k = -d; k <= d; k += 2)
            {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x] == b[y]) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { found = d; break; }
            }
        }
        if (found < 0)
        {
            return null;
        }
        // Walk back through the saved frontiers from (n, m) to (0, 0).
        List<Edit> script = [];
        int cx = n, cy = m;
        for (int d = found; d >= 0; d--)
        {
            int[] frontier = trace[d];
            int k = cx - cy;
            int previousK = d == 0 ? 0 : k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? k + 1 : k - 1;
            int previousX = d == 0 ? 0 : frontier[offset + previousK];
            int previousY = previousX - previousK;
            while (cx > previousX && cy > previousY) { cx--; cy--; script.Add(new Edit(' ', cx, cy)); }
            if (d > 0)
            {
                if (cx == previousX) { cy--; script.Add(new Edit('+', cx, cy)); }
                else { cx--; script.Add(new Edit('-', cx, cy)); }
            }
        }
        script.Reverse();
        return script;
    }
}
