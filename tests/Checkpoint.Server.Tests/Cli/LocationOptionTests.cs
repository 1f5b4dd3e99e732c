namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// <c>--root</c> and <c>--store</c> that cannot be what they name — missing, a file, a dangling link, unreadable — are
/// told as such, for every verb, before anything is read or written (exit 2; exit 1 for a root the user may not read).
/// </summary>
[TestClass]
public sealed class LocationOptionTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    private static readonly string[] Save = ["save", "--name", "m", "--stage", "s"];
    private static readonly string[] List = ["list"];
    private static readonly string[] Verify = ["verify"];

    private string Dangling()
    {
        var link = _workspace.PathOf("dangling");
        File.CreateSymbolicLink(link, _workspace.PathOf("nowhere"));
        return link;
    }

    private async Task<CliResult> RunAsync(string option, string value, string[] verb, int exitCode)
    {
        var result = (await _workspace.Cli.RunAsync([option, value, .. verb])).AssertExit(exitCode);
        StatusLines.AssertFail(result.LastStdOutLine, verb[0]);
        Assert.DoesNotContain("outside the workspace root", result.StdErr, result.ToString());
        Assert.DoesNotContain("   at ", result.StdErr, result.ToString());
        return result;
    }

    [TestMethod]
    [DataRow("save")]
    [DataRow("list")]
    [DataRow("verify")]
    public async Task A_root_that_does_not_exist_exits_2_saying_so(string verb)
    {
        var missing = _workspace.PathOf("no-such-folder");

        var result = await RunAsync("--root", missing, VerbArguments(verb), 2);

        Assert.Contains($"--root '{missing}' does not exist", result.StdErr, result.ToString());
        Assert.IsFalse(Directory.Exists(missing));
    }

    [TestMethod]
    [DataRow("save")]
    [DataRow("list")]
    public async Task A_root_that_is_a_file_exits_2_saying_it_is_not_a_folder(string verb)
    {
        var result = await RunAsync("--root", _workspace.PathOf("README.md"), VerbArguments(verb), 2);

        Assert.Contains($"--root '{_workspace.PathOf("README.md")}' is a file, not a folder", result.StdErr, result.ToString());
    }

    [TestMethod]
    [DataRow("save")]
    [DataRow("list")]
    public async Task A_root_that_is_a_dangling_symbolic_link_exits_2_naming_where_it_points(string verb)
    {
        var link = Dangling();

        var result = await RunAsync("--root", link, VerbArguments(verb), 2);

        Assert.Contains($"--root '{link}' is a symbolic link to '{_workspace.PathOf("nowhere")}', which does not exist", result.StdErr, result.ToString());
    }

    [TestMethod]
    public async Task A_root_the_user_may_not_read_exits_1_saying_so()
    {
        if (OperatingSystem.IsWindows())
            throw new AssertInconclusiveException("Unix modes only.");
        var locked = Directory.CreateDirectory(_workspace.PathOf("locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var cli = _workspace.Cli;
        if (Environment.IsPrivilegedProcess)
        {
            // Root reads everything: run the executable as nobody instead.
            if (!File.Exists("/usr/bin/setpriv"))
                Assert.Inconclusive("Running as root without setpriv: no way to be refused a folder here.");
            cli.Wrapper = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
        }
        try
        {
            var result = (await cli.RunAsync("--root", locked, "save", "--name", "m", "--stage", "s")).AssertExit(1);

            Assert.Contains($"--root '{locked}' cannot be read", result.StdErr, result.ToString());
            StatusLines.AssertFail(result.LastStdOutLine, "save");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TestMethod]
    [DataRow("save")]
    [DataRow("list")]
    [DataRow("verify")]
    public async Task A_store_that_is_a_file_exits_2_saying_it_is_not_a_folder(string verb)
    {
        var result = await RunAsync("--store", _workspace.PathOf("README.md"), VerbArguments(verb), 2);

        Assert.Contains($"--store '{_workspace.PathOf("README.md")}' is a file, not a folder", result.StdErr, result.ToString());
        Assert.AreEqual("# Curriculum\n", _workspace.Read("README.md"));
    }

    [TestMethod]
    [DataRow("save")]
    [DataRow("list")]
    public async Task A_store_that_is_a_dangling_symbolic_link_exits_2_naming_where_it_points(string verb)
    {
        var link = Dangling();

        var result = await RunAsync("--store", link, VerbArguments(verb), 2);

        Assert.Contains($"--store '{link}' is a symbolic link to '{_workspace.PathOf("nowhere")}', which does not exist", result.StdErr, result.ToString());
        Assert.IsFalse(Directory.Exists(_workspace.PathOf("nowhere")), "Nothing is created through the link.");
    }

    [TestMethod]
    public async Task A_store_inside_a_file_exits_2_naming_the_file()
    {
        var store = _workspace.PathOf("README.md/store");

        var result = await RunAsync("--store", store, Save, 2);

        Assert.Contains($"--store '{store}' cannot be created: '{_workspace.PathOf("README.md")}' is a file", result.StdErr, result.ToString());
    }

    [TestMethod]
    public async Task A_store_that_does_not_exist_yet_is_created_by_the_first_save_and_list_says_it_is_not_there_before()
    {
        var store = _workspace.PathOf("backups/store");

        var before = (await _workspace.Cli.RunAsync("--store", store, "list")).AssertExit(0);
        (await _workspace.Cli.RunAsync(["--store", store, .. Save])).AssertExit(0);

        Assert.Contains($"no store at '{store}'", before.StdOut, before.ToString());
        Assert.IsTrue(Directory.Exists(store));
    }

    private static string[] VerbArguments(string verb) => verb switch
    {
        "save" => Save,
        "list" => List,
        _ => Verify,
    };
}
