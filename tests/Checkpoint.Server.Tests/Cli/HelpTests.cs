namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>--help</c>: every verb is registered and documents the contract's rules.</summary>
[TestClass]
public sealed class HelpTests
{
    [TestMethod]
    public async Task Help_lists_every_verb_and_the_exit_codes()
    {
        using var workspace = new TestWorkspace();

        var result = (await workspace.Cli.RunAsync("--help")).AssertExit(0);

        foreach (var verb in new[] { "save", "resume", "restore", "list", "show", "diff", "verify", "delete", "prune", "serve" })
            Assert.MatchesRegex($@"(?m)^\s+([a-z-]+, )?{verb}\b", result.StdOut, $"'{verb}' is not listed.\n{result}");
        Assert.Contains("3 integrity failure", result.StdOut);
    }

    [TestMethod]
    public async Task Resume_help_says_it_proceeds_without_asking_when_stdin_is_not_a_terminal()
    {
        using var workspace = new TestWorkspace();

        var result = (await workspace.Cli.RunAsync("resume", "--help")).AssertExit(0);

        Assert.Contains("when it is not, proceeds", result.StdOut);
        Assert.Contains("--dry-run", result.StdOut);
        Assert.Contains("--mirror", result.StdOut);
    }
}
