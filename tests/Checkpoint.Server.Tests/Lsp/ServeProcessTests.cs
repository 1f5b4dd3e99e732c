using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>The real <c>checkpoint serve</c> process over stdio.</summary>
[TestClass]
public sealed class ServeProcessTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    [TestMethod]
    public async Task Initialize_over_stdio_returns_the_capabilities()
    {
        await using ServerProcess server = ServerProcess.Start("--stdio");

        JsonElement result = await server.InitializeAsync();

        Assert.AreEqual(2, result.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.AreEqual(0, server.Client.ProtocolViolations.Count);
    }

    [TestMethod]
    public async Task A_malformed_frame_gets_a_parse_error_and_the_server_still_answers_the_next_request()
    {
        await using ServerProcess server = ServerProcess.Start();
        await server.InitializeAsync();

        await server.Client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 9\r\n\r\nnot json!"));
        JsonElement error = await server.Client.WaitForMessageAsync(
            m => m.TryGetProperty("error", out JsonElement e) && e.GetProperty("code").GetInt32() == JsonRpcErrorCodes.ParseError,
            "a parse error");
        JsonElement next = await server.Client.RequestAsync("no/such/method");

        Assert.AreEqual(JsonValueKind.Null, error.GetProperty("id").ValueKind);
        Assert.AreEqual(JsonRpcErrorCodes.MethodNotFound, next.GetProperty("error").GetProperty("code").GetInt32());
        Assert.IsFalse(server.Process.HasExited);
    }

    [TestMethod]
    public async Task Shutdown_then_exit_ends_the_process_with_code_0()
    {
        await using ServerProcess server = ServerProcess.Start();
        await server.InitializeAsync();

        await server.Client.ResultAsync("shutdown");
        await server.Client.NotifyAsync("exit");

        Assert.AreEqual(0, await server.WaitForExitAsync(ExitTimeout), server.StandardError);
    }

    [TestMethod]
    public async Task Exit_without_shutdown_ends_the_process_with_code_1()
    {
        await using ServerProcess server = ServerProcess.Start();
        await server.InitializeAsync();

        await server.Client.NotifyAsync("exit");

        Assert.AreEqual(1, await server.WaitForExitAsync(ExitTimeout));
    }

    [TestMethod]
    public async Task Closing_stdin_ends_the_process()
    {
        await using ServerProcess server = ServerProcess.Start();
        await server.InitializeAsync();

        await server.Client.CloseInputAsync();

        // A client that vanished never asked for shutdown: the LSP's exit code for that is 1.
        Assert.AreEqual(1, await server.WaitForExitAsync(ExitTimeout), server.StandardError);
    }

    [TestMethod]
    public async Task The_process_ends_when_the_client_process_id_is_gone()
    {
        using Process client = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        await using ServerProcess server = ServerProcess.Start("--stdio", $"--clientProcessId={client.Id}");
        await server.InitializeAsync();

        client.Kill();

        // The server polls every few seconds.
        await server.WaitForExitAsync(ExitTimeout);
        StringAssert.Contains(server.StandardError, "is gone");
    }

    [TestMethod]
    public async Task Stdout_carries_nothing_but_frames_while_the_server_logs()
    {
        await using ServerProcess server = ServerProcess.Start("--log-level", "Debug");
        await server.InitializeAsync();
        await server.Client.ResultAsync("shutdown");
        await server.Client.NotifyAsync("exit");
        await server.WaitForExitAsync(ExitTimeout);
        await server.Client.WaitForOutputEndAsync();

        Assert.AreEqual(0, server.Client.ProtocolViolations.Count, server.Client.Transcript());
    }
}
