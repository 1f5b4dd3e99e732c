namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>checkpoint save</c>, used as the seed's <c>checkpoint-save.py</c> is used.</summary>
[TestClass]
public sealed class SaveVerbTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task Save_writes_a_seed_schema_manifest_and_ends_with_STATUS_OK_naming_the_checkpoint()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "case-studies", "--notes", "Completed 3 case studies")).AssertExit(0);

        StatusLines.AssertOk(result.LastStdOutLine, "save", "module-05");
        var manifest = _workspace.Manifest(result.CheckpointId);
        Assert.AreEqual("module-05", manifest.GetProperty("name").GetString());
        Assert.AreEqual("case-studies", manifest.GetProperty("stage").GetString());
        Assert.AreEqual("Completed 3 case studies", manifest.GetProperty("notes").GetString());
        Assert.MatchesRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", manifest.GetProperty("timestamp").GetString()!);
        var lecture = manifest.GetProperty("files").EnumerateArray().Single(file => file.GetProperty("path").GetString() == "modules/mod-005-docker-containers/lecture-notes.md");
        Assert.MatchesRegex("^sha256:[0-9a-f]{64}$", lecture.GetProperty("hash").GetString()!);
        Assert.IsGreaterThan(0L, lecture.GetProperty("word_count").GetInt64());
        Assert.AreEqual(_workspace.ManifestPaths(result.CheckpointId).Length, manifest.GetProperty("metrics").GetProperty("total_files").GetInt32());
        Assert.IsTrue(File.Exists(Path.Combine(_workspace.Store, result.CheckpointId, "CHECKPOINT_SUMMARY.md")));
    }

    [TestMethod]
    public async Task Save_from_a_module_folder_saves_that_folder_into_the_store_found_by_walking_up()
    {
        // Seed: cd modules/mod-005-docker-containers && checkpoint-save.py --name module-05 …
        var result = (await _workspace.CliIn("modules/mod-005-docker-containers")
            .RunAsync("save", "--name", "module-05", "--stage", "case-studies", "--notes", "Completed 3 case studies, working on 4th")).AssertExit(0);

        Assert.IsTrue(Directory.Exists(Path.Combine(_workspace.Store, result.CheckpointId)), $"The store should be at <root>/memory/checkpoints.\n{result}");
        Assert.IsFalse(Directory.Exists(_workspace.PathOf("modules/mod-005-docker-containers/memory")), "No store may appear inside the module folder.");
        CollectionAssert.AreEqual(
            new[]
            {
                "modules/mod-005-docker-containers/exercises/data.json",
                "modules/mod-005-docker-containers/exercises/ex1.md",
                "modules/mod-005-docker-containers/exercises/ex2.md",
                "modules/mod-005-docker-containers/lecture-notes.md",
            },
            _workspace.ManifestPaths(result.CheckpointId));
    }

    [TestMethod]
    public async Task Save_with_files_and_a_quoted_glob_saves_exactly_the_matching_files()
    {
        // Seed: --files lecture-notes.md exercises/*.md, with the glob quoted so checkpoint expands it.
        var result = (await _workspace.CliIn("modules/mod-005-docker-containers")
            .RunAsync("save", "--name", "project-review", "--stage", "final", "--files", "lecture-notes.md", "exercises/*.md", "--notes", "Ready for review")).AssertExit(0);

        CollectionAssert.AreEqual(
            new[]
            {
                "modules/mod-005-docker-containers/exercises/ex1.md",
                "modules/mod-005-docker-containers/exercises/ex2.md",
                "modules/mod-005-docker-containers/lecture-notes.md",
            },
            _workspace.ManifestPaths(result.CheckpointId));
    }

    [TestMethod]
    public async Task Save_with_files_expanded_by_the_shell_takes_every_value_after_one_flag()
    {
        var result = (await _workspace.CliIn("modules/mod-008-monitoring")
            .RunAsync("save", "--name", "module-08", "--stage", "examples", "--files", "lecture-notes.md", "exercises/ex1.md", "exercises/ex2.md")).AssertExit(0);

        Assert.HasCount(3, _workspace.ManifestPaths(result.CheckpointId));
    }

    [TestMethod]
    public async Task Save_with_a_double_star_glob_matches_at_any_depth()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "code-backup", "--stage", "examples", "--files", "modules/**/*.json")).AssertExit(0);

        CollectionAssert.AreEqual(
            new[] { "modules/mod-005-docker-containers/exercises/data.json", "modules/mod-008-monitoring/exercises/data.json" },
            _workspace.ManifestPaths(result.CheckpointId));
    }

    [TestMethod]
    public async Task Save_with_context_saves_that_folder_and_nothing_else()
    {
        // Seed: --context ./working-modules
        var result = (await _workspace.Cli.RunAsync("save", "--name", "curriculum-batch", "--stage", "module-03", "--context", "./working-modules")).AssertExit(0);

        CollectionAssert.AreEqual(new[] { "working-modules/draft-a.md", "working-modules/nested/draft-b.md" }, _workspace.ManifestPaths(result.CheckpointId));
    }

    [TestMethod]
    public async Task Save_never_puts_the_store_or_git_into_a_checkpoint()
    {
        _workspace.Write(".git/HEAD", "ref: refs/heads/main\n");
        (await _workspace.Cli.RunAsync("save", "--name", "first", "--stage", "one")).AssertExit(0);

        var second = (await _workspace.Cli.RunAsync("save", "--name", "whole", "--stage", "two")).AssertExit(0);

        var paths = _workspace.ManifestPaths(second.CheckpointId);
        Assert.IsFalse(paths.Any(path => path.StartsWith("memory/checkpoints/", StringComparison.Ordinal)), string.Join("\n", paths));
        Assert.IsFalse(paths.Any(path => path.StartsWith(".git/", StringComparison.Ordinal)), string.Join("\n", paths));
        Assert.Contains("README.md", paths);
    }

    [TestMethod]
    public async Task Notes_starting_with_an_at_sign_are_kept_as_text()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "review", "--stage", "final", "--notes", "@jane please review", "--context", "working-modules")).AssertExit(0);

        Assert.AreEqual("@jane please review", _workspace.Manifest(result.CheckpointId).GetProperty("notes").GetString());
    }

    [TestMethod]
    public async Task Save_with_metadata_stores_the_object_in_checkpoint_json()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "mod-105", "--stage", "complete",
            "--metadata", "{\n  \"word_count\": 12450,\n  \"validation_status\": \"passed\",\n  \"reviewer\": \"jane.smith\"\n}")).AssertExit(0);

        var metadata = _workspace.Manifest(result.CheckpointId).GetProperty("metadata");
        Assert.AreEqual(12450, metadata.GetProperty("word_count").GetInt32());
        Assert.AreEqual("jane.smith", metadata.GetProperty("reviewer").GetString());
    }

    [TestMethod]
    public async Task Save_with_json_prints_one_document_and_the_STATUS_line_on_stderr()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "draft", "--json")).AssertExit(0);

        var checkpoint = result.Json.GetProperty("checkpoint");
        Assert.AreEqual("module-05", checkpoint.GetProperty("name").GetString());
        Assert.AreEqual("objects", checkpoint.GetProperty("layout").GetString());
        Assert.IsGreaterThan(0L, checkpoint.GetProperty("totalFiles").GetInt64());
        Assert.IsTrue(result.Json.TryGetProperty("newObjects", out _), "camelCase SaveResult fields expected");
        StatusLines.AssertOk(result.LastStdErrLine, "save", "module-05");
        Assert.AreEqual(checkpoint.GetProperty("id").GetString(), CliResult.CheckpointIdIn(result.LastStdErrLine));
    }

    [TestMethod]
    public async Task A_second_save_of_unchanged_files_writes_no_new_objects()
    {
        (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "one")).AssertExit(0);

        var second = (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "two", "--json")).AssertExit(0);

        Assert.AreEqual(0L, second.Json.GetProperty("newObjects").GetInt64(), second.ToString());
    }

    [TestMethod]
    public async Task Save_with_a_glob_that_matches_nothing_exits_2_naming_the_pattern_and_saves_nothing()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "typo", "--stage", "draft", "--files", "nomatch/*.md")).AssertExit(2);

        Assert.Contains("no files match: nomatch/*.md", result.StdErr, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "save");
        Assert.IsFalse(Directory.Exists(_workspace.Store) && Directory.EnumerateDirectories(_workspace.Store, "typo_*").Any(), "A typo must not produce a checkpoint.");
    }

    [TestMethod]
    public async Task Save_with_one_unmatched_glob_among_matching_files_exits_2_instead_of_saving_a_partial_checkpoint()
    {
        var result = (await _workspace.CliIn("modules/mod-005-docker-containers")
            .RunAsync("save", "--name", "typo", "--stage", "draft", "--files", "lecture-notes.md", "exercises/*.md", "exercize/*.md")).AssertExit(2);

        Assert.Contains("no files match: exercize/*.md", result.StdErr, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "save");
        Assert.IsFalse(Directory.Exists(_workspace.Store) && Directory.EnumerateDirectories(_workspace.Store, "typo_*").Any(), "A typo must not produce a partial checkpoint.");
    }

    [TestMethod]
    public async Task Save_shows_a_glob_scope_without_a_doubled_slash()
    {
        var result = (await _workspace.CliIn("modules/mod-005-docker-containers")
            .RunAsync("save", "--name", "scoped", "--stage", "draft", "--files", "exercises/*.md")).AssertExit(0);

        Assert.Contains("Scope: modules/mod-005-docker-containers/exercises/*.md", result.StdOut, result.ToString());
        Assert.DoesNotContain("//", _workspace.Manifest(result.CheckpointId).GetProperty("scope").ToString());
    }

    [TestMethod]
    public async Task Save_with_a_context_folder_that_does_not_exist_exits_2_naming_it()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "ctx", "--stage", "draft", "--context", "no-such-folder")).AssertExit(2);

        Assert.Contains("no-such-folder", result.StdErr, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "save");
    }

    [TestMethod]
    public async Task Save_with_a_literal_file_that_does_not_exist_exits_2_naming_it()
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "lit", "--stage", "draft", "--files", "README.md", "no-such-file.md")).AssertExit(2);

        Assert.Contains("no-such-file.md", result.StdErr, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "save");
    }
    [TestMethod]
    public async Task Save_says_what_it_left_out_naming_the_first_ten_and_counting_the_rest()
    {
        // Entries a save cannot take: a name that is not UTF-8 (only the shell can spell it) and names with a backslash
        // (no restore would write them). Not FIFOs: the portable layer, which this suite also runs on, cannot tell them
        // from empty files (SpecialFileTests forces the Linux layer for those).
        var folder = Directory.CreateDirectory(_workspace.PathOf("odd")).FullName;
        using (var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh",
            ["-c", "printf x > \"$(printf 'bad\\377.txt')\" && for i in 01 02 03 04 05 06 07 08 09 10 11; do printf x > \"pipe\\\\$i\"; done"]) { WorkingDirectory = folder })!)
        {
            shell.WaitForExit();
            Assert.AreEqual(0, shell.ExitCode);
        }

        var text = (await _workspace.Cli.RunAsync("save", "--name", "odd", "--stage", "x", "--context", "odd")).AssertExit(0);
        var json = (await _workspace.Cli.RunAsync("save", "--name", "odd", "--stage", "y", "--context", "odd", "--json")).AssertExit(0);

        StringAssert.Contains(text.StdOut, "  Skipped (not saved): 12\n");
        // The Linux listing spells the bad byte \xFF (the output then quotes the name, as git does a backslash); the
        // portable layer has only U+FFFD for it.
        Assert.IsTrue(text.StdOutLines.Any(line => line is "    \"odd/bad\\\\xFF.txt\": name is not valid UTF-8: not saved (rename it to save it)"
            or "    odd/bad\uFFFD.txt: name is not valid UTF-8: not saved (rename it to save it)"), text.ToString());
        StringAssert.Contains(text.StdOut, "    \"odd/pipe\\\\09\": name contains a backslash");
        Assert.IsFalse(text.StdOut.Contains("pipe\\\\10"), "only the first ten are named");
        StringAssert.Contains(text.StdOut, "    … and 2 more");
        Assert.AreEqual(12, json.Json.GetProperty("skipped").GetArrayLength());
    }
}
