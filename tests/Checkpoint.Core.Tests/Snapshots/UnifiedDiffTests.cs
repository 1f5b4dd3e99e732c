using System.Diagnostics;
using Checkpoint.Core.Snapshots;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>The hand-written Myers diff checked against GNU <c>diff -u</c> on the same texts.</summary>
[TestClass]
public sealed class UnifiedDiffTests
{
    private static string GnuDiff(string before, string after)
    {
        string folder = Directory.CreateTempSubdirectory("udiff").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a"), before);
            File.WriteAllText(Path.Combine(folder, "b"), after);
            ProcessStartInfo start = new("diff", ["-u", "a", "b"]) { WorkingDirectory = folder, RedirectStandardOutput = true };
            using Process diff = Process.Start(start)!;
            string output = diff.StandardOutput.ReadToEnd();
            diff.WaitForExit();
            // Hunks only: the headers carry file names and times.
            return string.Join("", output.Split('\n').Skip(2).Select(line => line + "\n")).TrimEnd('\n') + "\n";
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Ours(string before, string after)
    {
        string text = UnifiedDiff.Render("f", before, after, 1 << 20, out bool truncated);
        Assert.IsFalse(truncated);
        return string.Join("", text.Split('\n').Skip(2).Select(line => line + "\n")).TrimEnd('\n') + "\n";
    }

    private static string Lines(int count, Func<int, string> line) => string.Concat(Enumerable.Range(1, count).Select(i => line(i) + "\n"));

    [TestMethod]
    [DataRow("one change in the middle")]
    [DataRow("changes far apart make two hunks")]
    [DataRow("changes close together merge")]
    [DataRow("insert at the start, delete at the end")]
    [DataRow("everything replaced")]
    public void Hunks_match_gnu_diff(string scenario)
    {
        string before = Lines(40, i => $"line {i}");
        string after = scenario switch
        {
            "one change in the middle" => before.Replace("line 20\n", "line twenty\n"),
            "changes far apart make two hunks" => before.Replace("line 3\n", "line three\n").Replace("line 35\n", ""),
            "changes close together merge" => before.Replace("line 10\n", "ten\n").Replace("line 15\n", "fifteen\nand a half\n"),
            "insert at the start, delete at the end" => "new first\n" + before.Replace("line 40\n", ""),
            _ => Lines(5, i => $"other {i}"),
        };
        Assert.AreEqual(GnuDiff(before, after), Ours(before, after));
    }

    [TestMethod]
    public void Equal_texts_have_no_diff_and_new_or_deleted_files_diff_against_dev_null()
    {
        Assert.AreEqual("", UnifiedDiff.Render("f", "same\n", "same\n", 1000, out _));
        Assert.AreEqual("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Render("f", null, "a\nb\n", 1000, out _));
        Assert.AreEqual("--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n", UnifiedDiff.Render("f", "a\n", null, 1000, out _));
    }

    [TestMethod]
    public void A_diff_past_its_byte_budget_is_cut_and_says_so()
    {
        string before = Lines(400, i => $"line {i}");
        string after = Lines(400, i => i % 20 == 0 ? $"changed {i}" : $"line {i}");
        string text = UnifiedDiff.Render("f", before, after, 600, out bool truncated);
        Assert.IsTrue(truncated);
        Assert.IsLessThanOrEqualTo(700, text.Length);
        StringAssert.Contains(text, "diff cut here: over 600 bytes");
    }

    [TestMethod]
    public void More_differing_lines_than_the_search_bound_are_refused_not_searched()
    {
        string before = Lines(UnifiedDiff.MaxEditDistance, i => $"a {i}");
        string after = Lines(UnifiedDiff.MaxEditDistance, i => $"b {i}");
        string text = UnifiedDiff.Render("f", before, after, 1 << 20, out bool truncated);
        Assert.IsTrue(truncated);
        StringAssert.Contains(text, "too many to show");
    }
}
