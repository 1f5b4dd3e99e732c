using Checkpoint.Server.Cli;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Tests.Cli;

[TestClass]
public sealed class ServeFastPathTests
{
    [TestMethod]
    public void The_editors_launch_arguments_take_the_fast_path_with_the_client_process_id()
    {
        Assert.IsTrue(ServeFastPath.TryParse(["serve", "--clientProcessId", "4242"], out var options));

        Assert.AreEqual(4242, options!.ClientProcessId);
        Assert.AreEqual(LogLevel.Information, options.LogLevel);
    }

    [TestMethod]
    public void Stdio_and_a_log_level_in_any_case_take_the_fast_path()
    {
        Assert.IsTrue(ServeFastPath.TryParse(["serve", "--stdio", "--log-level", "debug"], out var options));

        Assert.IsNull(options!.ClientProcessId);
        Assert.AreEqual(LogLevel.Debug, options.LogLevel);
    }

    [TestMethod]
    [DataRow(new string[0], DisplayName = "no verb")]
    [DataRow(new[] { "save", "x" }, DisplayName = "another verb")]
    [DataRow(new[] { "serve", "--bogus" }, DisplayName = "an unknown option")]
    [DataRow(new[] { "serve", "--help" }, DisplayName = "help")]
    [DataRow(new[] { "serve", "--clientProcessId", "abc" }, DisplayName = "a process id that is not a number")]
    [DataRow(new[] { "serve", "--clientProcessId" }, DisplayName = "a missing value")]
    [DataRow(new[] { "serve", "--clientProcessId", "1", "--clientProcessId", "2" }, DisplayName = "a repeated option")]
    [DataRow(new[] { "serve", "--log-level", "2" }, DisplayName = "a numeric log level")]
    [DataRow(new[] { "serve", "--log-level=Debug" }, DisplayName = "an option=value form")]
    [DataRow(new[] { "--clientProcessId", "5", "serve" }, DisplayName = "a serve option before the verb")]
    [DataRow(new[] { "serve", "serve" }, DisplayName = "the verb twice")]
    [DataRow(new[] { "--root", "--store", "serve" }, DisplayName = "an option as the value of another")]
    [DataRow(new[] { "--root", "/work/x", "serve" }, DisplayName = "--root, which serve refuses")]
    [DataRow(new[] { "serve", "--store", "/work/x/store" }, DisplayName = "--store after the verb, which serve refuses")]
    public void Anything_else_is_left_to_the_command_line_parser(string[] args)
    {
        Assert.IsFalse(ServeFastPath.TryParse(args, out var options));
        Assert.IsNull(options);
    }
}
