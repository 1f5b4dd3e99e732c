
namespace Checkpoint.Core.Tests.Snapshots;

[TestClass]
public sealed class ScopeTests
{
    private static async Task<string[]> SavedPaths(TempWorkspace ws, SaveRequest request)
    {
        SaveResult result = await ws.Engine.SaveAsync(request);
        return [.. ws.Engine.Show(new CheckpointRef(request.Name, Timestamp: result.Checkpoint.Timestamp)).Files.Select(f => f.Path)];
    }

    private static SaveRequest Request(IReadOnlyList<string>? files = null, string? context = null, string? cwd = null) =>
        new() { Name = "scope", Stage = "test", Files = files, Context = context, Cwd = cwd };

    [TestMethod]
    public async Task Files_accept_globs_with_double_star_relative_to_the_cwd()
    {
        using TempWorkspace ws = new();
        ws.Write("src/a.py", "a");
        ws.Write("src/deep/er/b.py", "b");
        ws.Write("src/c.txt", "c");
        ws.Write("tests/t.py", "t");
        ws.Write("lecture-notes.md", "n");

        string[] paths = await SavedPaths(ws, Request(files: ["src/**/*.py", "lecture-notes.md"]));

        CollectionAssert.AreEqual(new[] { "lecture-notes.md", "src/a.py", "src/deep/er/b.py" }, paths);
    }

    [TestMethod]
    public async Task Files_resolve_against_the_cwd_and_keep_root_relative_paths()
    {
        using TempWorkspace ws = new();
        ws.Write("modules/mod-5/exercises/e1.md", "e1");
        ws.Write("modules/mod-5/exercises/e2.txt", "e2");
        ws.Write("modules/mod-5/lecture.md", "l");

        string[] paths = await SavedPaths(ws, Request(files: ["exercises/*.md", "lecture.md"], cwd: ws.PathOf("modules/mod-5")));

        CollectionAssert.AreEqual(new[] { "modules/mod-5/exercises/e1.md", "modules/mod-5/lecture.md" }, paths);
    }

    [TestMethod]
    public async Task Engine_exclusions_apply_like_a_root_gitignore_to_saves_and_diffs()
    {
        using TempWorkspace ws = new();
        ws.Write("src/app.js", "app");
        ws.Write("src/build/out.js", "generated");
        ws.Write("debug.log", "noise");
        CheckpointEngine engine = new(ws.Root) { Exclude = ["build/", "*.log", "# a comment", ""] };

        SaveResult saved = await engine.SaveAsync(Request());
        ws.Write("src/later.log", "more noise");
        DiffResult diff = await engine.DiffAsync(new CheckpointRef("scope", Latest: true));

        CollectionAssert.AreEqual(new[] { "src/app.js" }, engine.Show(new CheckpointRef("scope", Latest: true)).Files.Select(f => f.Path).ToArray());
        Assert.AreEqual(1, saved.Checkpoint.TotalFiles);
        Assert.IsEmpty(diff.Added);
    }

    [TestMethod]
    public async Task Context_saves_exactly_that_folder()
    {
        using TempWorkspace ws = new();
        ws.Write("working-modules/m1/a.md", "a");
        ws.Write("working-modules/b.md", "b");
        ws.Write("elsewhere.md", "x");

        SaveResult result = await ws.Engine.SaveAsync(Request(context: "working-modules"));
        string[] paths = [.. ws.Engine.Show(new CheckpointRef("scope", Latest: true)).Files.Select(f => f.Path)];

        CollectionAssert.AreEqual(new[] { "working-modules/b.md", "working-modules/m1/a.md" }, paths);
        CollectionAssert.AreEqual(new[] { "working-modules" }, result.Checkpoint.Scope.ToArray());
    }

    [TestMethod]
    public async Task Without_files_or_context_the_cwd_is_saved()
    {
        using TempWorkspace ws = new();
        ws.Write("modules/mod-005/lecture.md", "l");
        ws.Write("other/x.md", "x");

        string[] paths = await SavedPaths(ws, Request(cwd: ws.PathOf("modules/mod-005")));

        CollectionAssert.AreEqual(new[] { "modules/mod-005/lecture.md" }, paths);
    }

    [TestMethod]
    public async Task Ignore_rules_exclude_gitignored_checkpointignored_git_and_the_store()
    {
        using TempWorkspace ws = new();
        ws.Write(".gitignore", "*.log\nbuild/\n");
        ws.Write("app.log", "log");
        ws.Write("build/out.bin", "bin");
        ws.Write("sub/.gitignore", "secret.txt\n");
        ws.Write("sub/secret.txt", "s");
        ws.Write("secret.txt", "not ignored at the top level");
        ws.Write(".checkpointignore", "drafts/\n!keep.log\n");
        ws.Write("drafts/d.md", "d");
        ws.Write("keep.log", "re-included by .checkpointignore");
        ws.Write(".git/HEAD", "ref: refs/heads/main");
        ws.Write("sub/.git", "gitdir: elsewhere");
        ws.Write("memory/episodic/2025-01-04.md", "note");
        ws.Write("main.md", "m");
        await ws.Engine.SaveAsync(Request());

        string[] paths = await SavedPaths(ws, Request());

        CollectionAssert.AreEqual(new[] { ".checkpointignore", ".gitignore", "keep.log", "main.md", "memory/episodic/2025-01-04.md", "secret.txt", "sub/.gitignore" }, paths);
    }

    [TestMethod]
    public async Task A_file_named_explicitly_is_saved_even_when_ignored_but_globs_honour_ignore_rules()
    {
        using TempWorkspace ws = new();
        ws.Write(".gitignore", "*-ignored.log\n");
        ws.Write("debug-ignored.log", "explicit");
        ws.Write("other-ignored.log", "only via glob");
        ws.Write("kept.log", "via glob, not ignored");

        string[] paths = await SavedPaths(ws, Request(files: ["debug-ignored.log", "*.log"]));

        CollectionAssert.AreEqual(new[] { "debug-ignored.log", "kept.log" }, paths);
    }

    [TestMethod]
    public async Task A_symbolic_link_is_saved_as_the_link_itself_and_never_followed()
    {
        using TempWorkspace ws = new();
        ws.Write("real.md", "r");
        File.CreateSymbolicLink(ws.PathOf("link.md"), "/etc/hostname");
        Directory.CreateSymbolicLink(ws.PathOf("linkdir"), "/etc");

        await ws.Engine.SaveAsync(Request());
        await ws.Engine.SaveAsync(Request(files: ["linkdir"]));

        CheckpointFile[] walked = [.. ws.Engine.Show(new CheckpointRef("scope", Timestamp: ws.Engine.List().Checkpoints[1].Timestamp)).Files];
        CollectionAssert.AreEqual(new[] { "link.md", "linkdir", "real.md" }, walked.Select(f => f.Path).ToArray(), "nothing from /etc");
        CollectionAssert.AreEqual(new[] { "link", "link", null }, walked.Select(f => f.Kind).ToArray());
        Assert.AreEqual("sha256:" + TempWorkspace.Sha256Hex("/etc"), walked[1].Hash, "a link's content is its target text");
        CheckpointFile named = ws.Engine.Show(new CheckpointRef("scope", Latest: true)).Files.Single();
        Assert.AreEqual(("linkdir", "link"), (named.Path, named.Kind), "a link named literally is the link, not the folder it points at");
    }

    [TestMethod]
    public async Task A_path_outside_the_root_is_refused()
    {
        using TempWorkspace ws = new();
        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(Request(files: ["../outside.md"])));
        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, "outside the workspace root");
    }

    [TestMethod]
    public async Task A_missing_file_is_refused_with_its_name()
    {
        using TempWorkspace ws = new();
        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(Request(files: ["nope.md"])));
        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, "nope.md");
    }

    [TestMethod]
    public async Task A_glob_that_matches_nothing_is_refused_with_the_pattern_as_given()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "a");

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(Request(files: ["nomatch/*.md"])));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.StartsWith(e.Message, "no files match: nomatch/*.md");
        Assert.AreEqual(0, ws.Engine.List().Checkpoints.Count);
    }

    [TestMethod]
    public async Task One_unmatched_glob_among_matching_ones_refuses_the_whole_save_and_names_only_it()
    {
        using TempWorkspace ws = new();
        ws.Write("modules/m1/docs/a.md", "a");
        ws.Write("modules/m1/b.md", "b");

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(
            Request(files: ["docs/*.md", "b.md", "docs/*.mdx"], cwd: ws.PathOf("modules/m1"))));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.StartsWith(e.Message, "no files match: docs/*.mdx ");
        Assert.IsFalse(e.Message.Contains("docs/*.md,", StringComparison.Ordinal), e.Message);
        Assert.AreEqual(0, ws.Engine.List().Checkpoints.Count);
    }

    [TestMethod]
    public async Task A_glob_whose_only_matches_are_ignored_counts_as_matching_nothing()
    {
        using TempWorkspace ws = new();
        ws.Write(".gitignore", "*.log\n");
        ws.Write("debug.log", "ignored");
        ws.Write("a.md", "a");

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(Request(files: ["a.md", "*.log"])));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.StartsWith(e.Message, "no files match: *.log");
    }

    [TestMethod]
    public async Task A_glob_in_a_subfolder_is_stored_in_the_scope_without_a_doubled_slash()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "a");

        SaveResult result = await ws.Engine.SaveAsync(Request(files: ["docs/*.md"]));

        CollectionAssert.AreEqual(new[] { "docs/*.md" }, result.Checkpoint.Scope.ToArray());
    }

    [TestMethod]
    public async Task A_missing_context_folder_is_refused_with_its_name()
    {
        using TempWorkspace ws = new();
        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(Request(context: "no-such-folder")));
        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, "'no-such-folder' does not exist");
    }
}
