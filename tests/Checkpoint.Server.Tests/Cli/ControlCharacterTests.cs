using System.Diagnostics;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// File names may hold any byte but '/' and NUL. The line-oriented outputs never print one raw: a path (or stage)
/// with a control character, a quote or a backslash is printed C-quoted, as git's core.quotePath does (in double
/// quotes, with \n \t \r \" \\ and \ooo octal bytes), so one entry is always one line. JSON keeps the raw strings.
/// </summary>
[TestClass]
public sealed class ControlCharacterTests
{
    private const string NewLine = "odd/new\nline.md";
    private const string Tab = "odd/tab\there.md";
    private const string Control = "odd/ctl\u0001x.md";
    private const string Delete = "odd/del\u007fx.md";
    private const string Return = "odd/cr\rx.md";
    private const string Quote = "odd/quote\"x.md";
    private const string Separator = "odd/sep\u2028x.md";
    private const string Accented = "odd/ünï.md";

    private static readonly Dictionary<string, string> Quoted = new()
    {
        [NewLine] = "\"odd/new\\nline.md\"",
        [Tab] = "\"odd/tab\\there.md\"",
        [Control] = "\"odd/ctl\\001x.md\"",
        [Delete] = "\"odd/del\\177x.md\"",
        [Return] = "\"odd/cr\\rx.md\"",
        [Quote] = "\"odd/quote\\\"x.md\"",
        [Separator] = "\"odd/sep\\342\\200\\250x.md\"",
        [Accented] = "odd/ünï.md",
    };

    private TestWorkspace _workspace = null!;
    private CliResult _saved = null!;

    [TestInitialize]
    public async Task SaveOddNames()
    {
        _workspace = new TestWorkspace();
        foreach (var path in Quoted.Keys)
            _workspace.Write(path, $"content of {path.Length}\n");
        // A name with a backslash is skipped on every file-system layer (a FIFO would block the portable one, which cannot
        // tell it from an empty file): it shows how a skipped entry is quoted.
        _workspace.Write("odd/back\\slash\nname", "skipped\n");
        _saved = (await _workspace.Cli.RunAsync("save", "--name", "odd", "--stage", "tab\there", "--context", "odd")).AssertExit(0);
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    /// <summary>No control character but the line ends (C0, DEL, C1, the Unicode line and paragraph separators).</summary>
    private static void AssertNoRawControlCharacters(CliResult result)
    {
        foreach (var (stream, text) in new[] { ("stdout", result.StdOut), ("stderr", result.StdErr) })
        {
            var raw = text.Where(c => (c < ' ' && c != '\n') || c is >= '\u007f' and <= '\u009f' or '\u2028' or '\u2029').ToList();
            Assert.IsEmpty(raw, $"{stream} holds raw control characters {string.Join(", ", raw.Select(c => $"U+{(int)c:X4}"))}.\n{result}");
        }
    }

    private static string[] Lines(CliResult result) => result.StdOut.Split('\n');

    [TestMethod]
    public void Save_lists_a_skipped_entry_with_its_name_quoted()
    {
        AssertNoRawControlCharacters(_saved);
        Assert.Contains("    \"odd/back\\\\slash\\nname\": name contains a backslash", Lines(_saved), _saved.ToString());
    }

    [TestMethod]
    public async Task Show_quotes_every_path_that_needs_it_and_leaves_the_others_as_they_are()
    {
        var result = (await _workspace.Cli.RunAsync("show", "--name", "odd", "--latest")).AssertExit(0);

        AssertNoRawControlCharacters(result);
        foreach (var quoted in Quoted.Values)
            Assert.IsTrue(Lines(result).Any(line => line.StartsWith(quoted + " ", StringComparison.Ordinal)), $"No row for {quoted}.\n{result}");
        Assert.Contains("\"tab\\there\"", result.StdOut, "The stage is quoted too.\n" + result);
    }

    [TestMethod]
    public async Task Show_json_keeps_the_raw_names()
    {
        var result = (await _workspace.Cli.RunAsync("show", "--name", "odd", "--latest", "--json")).AssertExit(0);

        CollectionAssert.AreEquivalent(Quoted.Keys.ToArray(), result.Json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToArray());
        Assert.AreEqual("tab\there", result.Json.GetProperty("stage").GetString());
    }

    [TestMethod]
    public async Task List_quotes_a_stage_with_a_control_character()
    {
        var result = (await _workspace.Cli.RunAsync("list")).AssertExit(0);

        AssertNoRawControlCharacters(result);
        Assert.Contains("\"tab\\there\"", result.StdOut, result.ToString());
    }

    [TestMethod]
    public async Task Diff_prints_one_line_per_path_quoted()
    {
        _workspace.Delete(NewLine);
        _workspace.Write(Tab, "changed\n");
        _workspace.Write("odd/add\u0001ed.md", "new\n");

        var result = (await _workspace.Cli.RunAsync("diff", "--name", "odd", "--latest")).AssertExit(0);

        AssertNoRawControlCharacters(result);
        Assert.Contains("A  \"odd/add\\001ed.md\"", Lines(result), result.ToString());
        Assert.Contains($"D  {Quoted[NewLine]}", Lines(result), result.ToString());
        Assert.Contains($"M  {Quoted[Tab]}", Lines(result), result.ToString());
    }

    [TestMethod]
    public async Task Resume_dry_run_and_resume_quote_the_paths_they_list()
    {
        _workspace.Delete(NewLine);
        _workspace.Write(Tab, "changed\n");

        var dryRun = (await _workspace.Cli.RunAsync("resume", "--name", "odd", "--latest", "--dry-run")).AssertExit(0);
        var restored = (await _workspace.Cli.RunAsync("resume", "--name", "odd", "--latest", "--target", "restored\nhere")).AssertExit(0);

        AssertNoRawControlCharacters(dryRun);
        AssertNoRawControlCharacters(restored);
        Assert.Contains($"  + {Quoted[NewLine]}", Lines(dryRun), dryRun.ToString());
        Assert.Contains($"  ~ {Quoted[Tab]}", Lines(dryRun), dryRun.ToString());
        Assert.Contains($"  + {Quoted[Control]}", Lines(restored), restored.ToString());
        Assert.Contains($"into \"{_workspace.Root}/restored\\nhere\"", restored.StdOut, "The target is quoted too.\n" + restored);
        Assert.AreEqual("changed\n", _workspace.Read(Tab), "A dry run writes nothing.");
    }

    [TestMethod]
    public async Task Verify_names_a_damaged_file_quoted()
    {
        var hash = _workspace.Manifest(_saved.CheckpointId).GetProperty("files").EnumerateArray()
            .Single(file => file.GetProperty("path").GetString() == Control).GetProperty("hash").GetString()!;
        StoredObjects.Corrupt(_workspace.Store, hash);

        var result = (await _workspace.Cli.RunAsync("verify")).AssertExit(3);

        AssertNoRawControlCharacters(result);
        Assert.IsTrue(Lines(result).Any(line => line.TrimStart().StartsWith("mismatch") && line.EndsWith(" " + Quoted[Control], StringComparison.Ordinal)), result.ToString());
    }

    [TestMethod]
    public async Task An_error_message_quoting_a_path_stays_on_one_line()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--files", "no\nsuch.md")).AssertExit(2);

        AssertNoRawControlCharacters(result);
        Assert.Contains("'no\\nsuch.md' does not exist", result.StdErr, result.ToString());
    }

    [TestMethod]
    public async Task A_file_whose_name_is_not_UTF8_is_listed_as_skipped_not_silently_left_out()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Inconclusive("Only Linux lets a name be any bytes.");
        // .NET cannot spell such a name: the shell writes it (bytes 0xFF and 0xFE are never UTF-8).
        using (var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "printf x > \"$(printf 'odd/bad\\377\\376.md')\""]) { WorkingDirectory = _workspace.Root })!)
            shell.WaitForExit();

        var result = (await _workspace.Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--context", "odd")).AssertExit(0);

        var skipped = _workspace.Manifest(result.CheckpointId).GetProperty("skipped").EnumerateArray()
            .Select(entry => entry.GetProperty("reason").GetString()).ToArray();
        Assert.IsTrue(skipped.Any(reason => reason!.StartsWith("name is not valid UTF-8", StringComparison.Ordinal)), result.ToString());
        Assert.IsTrue(Lines(result).Any(line => line.Contains(": name is not valid UTF-8", StringComparison.Ordinal)), result.ToString());
    }
}
