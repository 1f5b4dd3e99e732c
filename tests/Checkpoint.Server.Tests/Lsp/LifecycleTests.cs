using System.Diagnostics;
using System.Text.Json;
using Checkpoint.Server.Lsp;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Tests.Lsp;

[TestClass]
public sealed class LifecycleTests
{
    private static int ErrorCode(JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    [TestMethod]
    public async Task A_request_before_initialize_gets_server_not_initialized()
    {
        await using var server = new InProcessServer();

        JsonElement response = await server.Client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = "file:///a.md" } });

        Assert.AreEqual(JsonRpcErrorCodes.ServerNotInitialized, ErrorCode(response));
    }

    [TestMethod]
    public async Task Initialize_advertises_full_document_sync_with_open_close_and_save()
    {
        await using var server = new InProcessServer();

        JsonElement result = await server.InitializeAsync();

        JsonElement sync = result.GetProperty("capabilities").GetProperty("textDocumentSync");
        Assert.IsTrue(sync.GetProperty("openClose").GetBoolean());
        Assert.AreEqual(2, sync.GetProperty("change").GetInt32(), "incremental sync");
        Assert.IsFalse(sync.GetProperty("save").GetProperty("includeText").GetBoolean());
        Assert.AreEqual("checkpoint", result.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [TestMethod]
    public async Task Initialize_answers_before_anything_sent_after_it_is_handled()
    {
        await using var server = new InProcessServer();
        int initialize = await server.Client.SendRequestAsync("initialize", new { processId = (int?)null, capabilities = new { } });
        int unknown = await server.Client.SendRequestAsync("no/such/method");

        await server.Client.WaitForResponseAsync(unknown);

        JsonElement first = server.Client.Received.First(m => m.TryGetProperty("id", out _));
        Assert.AreEqual(initialize, first.GetProperty("id").GetInt32());
    }

    [TestMethod]
    public async Task A_second_initialize_is_an_invalid_request()
    {
        await using var server = new InProcessServer();
        await server.InitializeAsync();

        JsonElement again = await server.Client.RequestAsync("initialize", new { capabilities = new { } });

        Assert.AreEqual(JsonRpcErrorCodes.InvalidRequest, ErrorCode(again));
    }

    [TestMethod]
    public async Task After_shutdown_every_request_is_an_invalid_request_and_exit_ends_with_code_0()
    {
        await using var server = new InProcessServer();
        await server.InitializeAsync();

        JsonElement shutdown = await server.Client.RequestAsync("shutdown");
        JsonElement after = await server.Client.RequestAsync("textDocument/codeLens", new { textDocument = new { uri = "file:///a.md" } });
        await server.Client.NotifyAsync("exit");

        Assert.AreEqual(JsonValueKind.Null, shutdown.GetProperty("result").ValueKind);
        Assert.AreEqual(JsonRpcErrorCodes.InvalidRequest, ErrorCode(after));
        Assert.AreEqual(0, await server.WaitForExitAsync());
    }

    [TestMethod]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var server = new InProcessServer();
        await server.InitializeAsync();

        await server.Client.NotifyAsync("exit");

        Assert.AreEqual(1, await server.WaitForExitAsync());
    }

    [TestMethod]
    public async Task Log_entries_reach_the_client_as_window_log_message_after_initialize()
    {
        await using var server = new InProcessServer();

        await server.InitializeAsync();

        JsonElement log = await server.Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("Initialized", StringComparison.Ordinal));
        Assert.AreEqual(3, log.GetProperty("type").GetInt32());
    }

    [TestMethod]
    public async Task A_log_entry_the_client_receives_is_not_written_to_stderr_as_well()
    {
        // VS Code shows stderr and window/logMessage in one output channel: writing both doubled every line.
        await using var server = ServerProcess.Start("--log-level", "Debug");
        await server.InitializeAsync();
        await server.Client.WaitForNotificationAsync("window/logMessage", p => p.GetProperty("message").GetString()!.Contains("Initialized", StringComparison.Ordinal));

        await server.Client.RequestAsync("shutdown");
        await server.Client.NotifyAsync("exit");
        Assert.AreEqual(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        Assert.DoesNotContain("Initialized", server.StandardError);
    }

    [TestMethod]
    public async Task The_server_exits_when_the_client_process_named_in_initialize_is_gone()
    {
        using Process client = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        await using var server = new InProcessServer(new ServeOptions { ClientPollInterval = TimeSpan.FromMilliseconds(100) });
        await server.InitializeAsync(processId: client.Id);
        Assert.IsFalse(server.Exited.IsCompleted);

        client.Kill();

        Assert.AreEqual(1, await server.WaitForExitAsync());
    }

    [TestMethod]
    public async Task The_server_exits_when_the_client_process_id_option_names_a_process_that_is_gone()
    {
        using Process client = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        await using var server = new InProcessServer(new ServeOptions { ClientProcessId = client.Id, ClientPollInterval = TimeSpan.FromMilliseconds(100) });
        await server.InitializeAsync();

        client.Kill();

        Assert.AreEqual(1, await server.WaitForExitAsync());
    }
}
