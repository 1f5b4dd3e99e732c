namespace Checkpoint.Server.Tests.Cli;

/// <summary>Bad input: exit 2, a message that says what is allowed, STATUS=FAIL last, never a stack trace.</summary>
[TestClass]
public sealed class ArgumentErrorTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    [DataRow("bad name!")]
    [DataRow("module/05")]
    [DataRow("../escape")]
    [DataRow("a-name-that-is-exactly-fifty-one-characters-long-xy")]
    public async Task Save_with_an_invalid_name_exits_2_and_states_the_naming_rule(string name)
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", name, "--stage", "draft")).AssertExit(2);

        Assert.Contains("50", result.StdErr, $"The message should state the length limit.\n{result}");
        Assert.Contains("letters", result.StdErr, $"The message should state the allowed characters.\n{result}");
        StatusLines.AssertFail(result.LastStdOutLine, "save");
        Assert.IsFalse(Directory.Exists(_workspace.Store) && Directory.EnumerateDirectories(_workspace.Store, "*_*").Any(),
            "Nothing may be saved under an invalid name.");
    }

    [TestMethod]
    [DataRow("--keep-last", "abc")]
    [DataRow("--keep-last", "99999999999")]
    [DataRow("--keep-last", "-1")]
    [DataRow("--keep-last", "1.5")]
    [DataRow("--max-age-days", "1e9")]
    [DataRow("--max-age-days", "-3")]
    [DataRow("--max-age-days", "")]
    public async Task Prune_with_a_bad_number_exits_2_saying_what_is_allowed_and_deletes_nothing(string option, string value)
    {
        (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "draft")).AssertExit(0);

        var result = (await _workspace.Cli.RunAsync("prune", option, value)).AssertExit(2);

        Assert.Contains($"{option} must be a whole number from 0 to 2147483647", result.StdErr, result.ToString());
        Assert.DoesNotContain("Unhandled", result.StdErr + result.StdOut);
        StatusLines.AssertFail(result.LastStdOutLine, "prune");
        Assert.AreEqual(1, Directory.EnumerateDirectories(_workspace.Store, "module-05_*").Count());
    }

    [TestMethod]
    [DataRow("verify", "--timestamp")]
    [DataRow("verify", "--name", "module-05", "--timestamp")]
    [DataRow("show", "--name", "module-05", "--timestamp")]
    [DataRow("diff", "--name", "module-05", "--timestamp")]
    [DataRow("resume", "--name", "module-05", "--timestamp")]
    [DataRow("delete", "--name", "module-05", "--timestamp")]
    public async Task An_option_missing_its_value_exits_2_not_an_unhandled_exception(params string[] args)
    {
        var result = (await _workspace.Cli.RunAsync(args)).AssertExit(2);

        Assert.DoesNotContain("Unhandled", result.StdErr + result.StdOut);
        Assert.Contains("--timestamp", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, args[0]);
    }

    [TestMethod]
    [DataRow("{\"a\":1,\"a\":2}")]
    [DataRow("{\"outer\":{\"b\":1,\"b\":1}}")]
    [DataRow("{\"list\":[{\"c\":1,\"c\":2}]}")]
    public async Task Save_with_a_repeated_metadata_key_exits_2_and_saves_nothing(string metadata)
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "draft", "--metadata", metadata)).AssertExit(2);

        Assert.Contains("--metadata", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "save");
        Assert.IsFalse(Directory.Exists(_workspace.Store) && Directory.EnumerateDirectories(_workspace.Store, "module-05_*").Any());
    }

    [TestMethod]
    public async Task An_unknown_option_exits_2_with_the_parser_message()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "draft", "--colour", "red")).AssertExit(2);

        Assert.Contains("--colour", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "save");
    }

    [TestMethod]
    public async Task A_missing_required_option_exits_2_naming_the_option()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "module-05")).AssertExit(2);

        Assert.Contains("--stage", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "save");
    }

    [TestMethod]
    public async Task Resume_without_latest_or_timestamp_exits_2_and_says_which_to_give()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05")).AssertExit(2);

        Assert.Contains("--latest", result.StdErr);
        Assert.Contains("--timestamp", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
    }

    [TestMethod]
    public async Task No_verb_exits_2_with_a_STATUS_line()
    {
        var result = (await _workspace.Cli.RunAsync()).AssertExit(2);

        StatusLines.AssertFail(result.LastStdOutLine, "none");
    }

    [TestMethod]
    public async Task Malformed_metadata_exits_2_with_the_JSON_parse_message_and_saves_nothing()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "mod-105", "--stage", "complete", "--metadata", "{\"word_count\": 12450,")).AssertExit(2);

        Assert.Contains("--metadata is not valid JSON", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "save");
        Assert.IsFalse(Directory.Exists(Path.Combine(_workspace.Store)) && Directory.EnumerateDirectories(_workspace.Store, "mod-105_*").Any());
    }

    [TestMethod]
    public async Task Metadata_that_is_not_a_JSON_object_exits_2()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "mod-105", "--stage", "complete", "--metadata", "[1, 2]")).AssertExit(2);

        Assert.Contains("JSON object", result.StdErr);
    }

    [TestMethod]
    public async Task An_unknown_name_exits_2_and_lists_the_available_names()
    {
        (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "draft")).AssertExit(0);
        (await _workspace.Cli.RunAsync("save", "--name", "project-llm-api", "--stage", "draft")).AssertExit(0);

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-06", "--latest")).AssertExit(2);

        Assert.Contains("module-06", result.StdErr);
        Assert.Contains("module-05", result.StdErr, $"The available names should be listed.\n{result}");
        Assert.Contains("project-llm-api", result.StdErr, $"The available names should be listed.\n{result}");
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
    }

    [TestMethod]
    public async Task An_unknown_timestamp_exits_2_and_lists_the_timestamps_of_the_name()
    {
        var saved = (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "draft")).AssertExit(0);
        var timestamp = saved.CheckpointId["module-05_".Length..];

        var result = (await _workspace.Cli.RunAsync("show", "--name", "module-05", "--timestamp", "20200101_000000")).AssertExit(2);

        Assert.Contains(timestamp, result.StdErr, $"The existing timestamps should be listed.\n{result}");
        StatusLines.AssertFail(result.LastStdOutLine, "show");
    }

    [TestMethod]
    public async Task With_json_an_error_is_one_document_with_kind_message_and_available()
    {
        (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "draft")).AssertExit(0);

        var result = (await _workspace.Cli.RunAsync("show", "--name", "module-99", "--latest", "--json")).AssertExit(2);

        var error = result.Json.GetProperty("error");
        Assert.AreEqual("notFound", error.GetProperty("kind").GetString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Contains("module-05", error.GetProperty("available").EnumerateArray().Select(name => name.GetString()).ToList());
        StatusLines.AssertFail(result.LastStdErrLine, "show");
    }

    [TestMethod]
    public async Task A_parse_error_with_json_is_an_invalidArgument_document()
    {
        var result = (await _workspace.Cli.RunAsync("list", "--json", "--bogus")).AssertExit(2);

        Assert.AreEqual("invalidArgument", result.Json.GetProperty("error").GetProperty("kind").GetString());
        StatusLines.AssertFail(result.LastStdErrLine, "list");
    }

    [TestMethod]
    public async Task User_errors_never_print_a_stack_trace()
    {
        var results = new[]
        {
            await _workspace.Cli.RunAsync("save", "--name", "bad name", "--stage", "x"),
            await _workspace.Cli.RunAsync("resume", "--name", "nothing-here", "--latest"),
            await _workspace.Cli.RunAsync("delete", "--name", "nothing-here", "--timestamp", "20250104_143022"),
            await _workspace.Cli.RunAsync("save", "--name", "x", "--stage", "y", "--context", "no-such-folder"),
        };

        foreach (var result in results)
        {
            Assert.AreNotEqual(0, result.ExitCode, result.ToString());
            Assert.DoesNotContain("   at ", result.StdErr, $"A stack trace leaked.\n{result}");
            Assert.DoesNotContain("Exception", result.StdErr, $"An exception type leaked.\n{result}");
        }
    }
}
