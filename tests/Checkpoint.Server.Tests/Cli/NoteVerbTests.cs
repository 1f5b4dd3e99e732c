namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>checkpoint note</c>: appends a template to the day's note; bad input exits 2 and says what is allowed.</summary>
[TestClass]
public sealed class NoteVerbTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task Note_appends_the_template_to_the_day_file_and_ends_with_the_status_line()
    {
        var result = (await _workspace.Cli.RunAsync("note", "emergency", "--context-pct", "88", "--date", "2026-02-13")).AssertExit(0);

        var day = _workspace.Read("memory/episodic/2026-02-13.md").Split('\n');
        Assert.AreEqual("# 2026-02-13", day[0]);
        Assert.MatchesRegex(@"^## EMERGENCY CHECKPOINT \d\d:\d\d — Context: 88%$", day[2]);
        Assert.Contains("**TASK:**", _workspace.Read("memory/episodic/2026-02-13.md"));
        StatusLines.AssertOk(result.LastStdOutLine, "note");
    }

    [TestMethod]
    public async Task Note_with_fields_and_snapshot_fills_the_entry_and_links_the_checkpoint_it_saved()
    {
        _workspace.Write("work.md", "draft");

        var result = (await _workspace.Cli.RunAsync("note", "survival", "--date", "2026-02-13", "--field", "task=Port the parser",
            "--field", "next=wire the CLI", "--snapshot", "--json")).AssertExit(0);

        var id = result.Json.GetProperty("snapshot").GetProperty("checkpoint").GetProperty("id").GetString()!;
        var day = _workspace.Read("memory/episodic/2026-02-13.md");
        StringAssert.Contains(day, "**TASK:** Port the parser");
        StringAssert.Contains(day, "**NEXT:** wire the CLI");
        StringAssert.Contains(day, $"**Snapshot:** {id}");
        Assert.IsTrue(Directory.Exists(Path.Combine(_workspace.Store, id)));
    }

    [TestMethod]
    [DataRow("--field|task|--field|next=n")]              // no '='
    [DataRow("--field|=value|--field|next=n")]            // no key
    [DataRow("--field|task=t|--field|next=n|--field|bogus=1")] // a key the format does not have
    [DataRow("--field|task=t|--field|next=n|--field|next=twice")]
    [DataRow("--field|next=n")]                           // a required field missing
    [DataRow("--snapshot")]                               // a snapshot without fields
    public async Task Note_with_bad_fields_exits_2_and_writes_neither_the_note_nor_a_snapshot(string options)
    {
        _workspace.Write("work.md", "draft");

        var result = (await _workspace.Cli.RunAsync(["note", "survival", "--date", "2026-02-13", "--snapshot", .. options.Split('|')])).AssertExit(2);

        Assert.IsFalse(_workspace.Exists("memory/episodic/2026-02-13.md"), result.ToString());
        Assert.IsFalse(Directory.Exists(_workspace.Store) && Directory.EnumerateDirectories(_workspace.Store, "notes-*").Any(), "no snapshot saved");
        Assert.IsFalse(string.IsNullOrWhiteSpace(result.StdErr));
    }

    [TestMethod]
    public async Task Notes_appended_by_several_processes_at_once_are_all_kept()
    {
        // Two editor windows, the CLI and an agent may append to the same day at the same instant: a
        // read-append-rename without a cross-process lock lost entries.
        const int Writers = 8;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ =>
            _workspace.Cli.RunAsync("note", "quick", "--date", "2026-02-13")));

        foreach (var result in results)
            result.AssertExit(0);
        var day = _workspace.Read("memory/episodic/2026-02-13.md");
        Assert.AreEqual(Writers, day.Split('\n').Count(line => line.StartsWith("### ", StringComparison.Ordinal) && line.EndsWith(" Note", StringComparison.Ordinal)), day);
        Assert.AreEqual(1, day.Split('\n').Count(line => line == "# 2026-02-13"), day);
    }

    [TestMethod]
    public async Task A_second_note_the_same_day_goes_below_the_first()
    {
        await _workspace.Cli.RunAsync("note", "quick", "--date", "2026-02-13");

        var result = (await _workspace.Cli.RunAsync("note", "pre-operation", "--date", "2026-02-13", "--json")).AssertExit(0);

        var line = result.Json.GetProperty("line").GetInt32();
        var day = _workspace.Read("memory/episodic/2026-02-13.md").Split('\n');
        Assert.MatchesRegex(@"^## Pre-Operation \d\d:\d\d$", day[line]);
        Assert.IsTrue(Array.FindIndex(day, l => l.EndsWith(" Note", StringComparison.Ordinal)) < line, "the quick note stays first");
        Assert.AreEqual(_workspace.PathOf("memory/episodic/2026-02-13.md"), result.Json.GetProperty("path").GetString());
    }

    [TestMethod]
    [DataRow("huge", "pre-operation")]
    [DataRow("checkpoint", "emergency")]
    public async Task Note_in_an_unknown_format_exits_2_and_lists_the_formats(string format, string listed)
    {
        var result = (await _workspace.Cli.RunAsync("note", format)).AssertExit(2);

        Assert.Contains(listed, result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "note");
        Assert.IsFalse(Directory.Exists(_workspace.PathOf("memory/episodic")));
    }

    [TestMethod]
    [DataRow("--context-pct", "120", "0 to 100")]
    [DataRow("--context-pct", "-1", "0 to 100")]
    [DataRow("--date", "2026-13-01", "YYYY-MM-DD")]
    [DataRow("--date", "13/02/2026", "YYYY-MM-DD")]
    public async Task Note_with_an_out_of_range_value_exits_2_and_says_what_is_allowed(string option, string value, string allowed)
    {
        var result = (await _workspace.Cli.RunAsync("note", "quick", option, value)).AssertExit(2);

        Assert.Contains(allowed, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr, "no stack trace for a user error");
        StatusLines.AssertFail(result.LastStdOutLine, "note");
    }
}
