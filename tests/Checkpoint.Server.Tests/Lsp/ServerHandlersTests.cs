using System.Text.Json;
using Checkpoint.Server.Lsp;
using Checkpoint.Server.Lsp.Progress;
using Checkpoint.Server.Tests.Rpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// The real handler registry on an in-memory connection, plus a test request that reads the
/// document store the way the note features will.
/// </summary>
[TestClass]
public sealed class ServerHandlersTests
{
    private const string Uri = "file:///work/memory/episodic/2025-01-04.md";

    private static (ConnectedPair Pair, LanguageServer Server) Start()
    {
        var pair = new ConnectedPair();
        var server = new LanguageServer(pair.Server, new ServeOptions(), NullLoggerFactory.Instance);
        HandlerRegistry.RegisterAll(server);
        pair.Server.OnRequest("test/documentText", TestJsonContext.Default.String, (p, _) =>
        {
            string uri = p!.Value.GetProperty("uri").GetString()!;
            return ValueTask.FromResult(server.Documents.TryGet(uri, out string? text, out int version) ? $"{version}:{text}" : "closed");
        });
        pair.Start();
        return (pair, server);
    }

    [TestMethod]
    public async Task A_request_sent_right_after_did_change_sees_the_new_text()
    {
        (ConnectedPair pair, _) = Start();
        await using ConnectedPair owned = pair;
        await pair.Client.ResultAsync("initialize", new { capabilities = new { } });
        await pair.Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "markdown", version = 1, text = "v1" } });

        var reads = new List<int>();
        for (int version = 2; version <= 40; version++)
        {
            await pair.Client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version }, contentChanges = new[] { new { text = $"v{version}" } } });
            reads.Add(await pair.Client.SendRequestAsync("test/documentText", new { uri = Uri }));
        }

        for (int i = 0; i < reads.Count; i++)
        {
            int version = i + 2;
            Assert.AreEqual($"{version}:v{version}", (await pair.Client.WaitForResponseAsync(reads[i])).GetProperty("result").GetString());
        }
    }

    [TestMethod]
    public async Task Did_close_removes_the_document_and_did_save_is_handled_quietly()
    {
        (ConnectedPair pair, _) = Start();
        await using ConnectedPair owned = pair;
        await pair.Client.ResultAsync("initialize", new { capabilities = new { } });
        await pair.Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "markdown", version = 1, text = "x" } });
        await pair.Client.NotifyAsync("textDocument/didSave", new { textDocument = new { uri = Uri } });
        await pair.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Uri } });

        Assert.AreEqual("closed", (await pair.Client.ResultAsync("test/documentText", new { uri = Uri })).GetString());
        Assert.IsFalse(pair.Log.Entries.Any(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning), string.Join("\n", pair.Log.Entries));
    }

    [TestMethod]
    public async Task Progress_is_created_then_begun_reported_and_ended_in_order_when_the_client_supports_it()
    {
        (ConnectedPair pair, LanguageServer server) = Start();
        await using ConnectedPair owned = pair;
        pair.Client.AutoRespond("window/workDoneProgress/create", _ => null);
        await pair.Client.ResultAsync("initialize", new { capabilities = new { window = new { workDoneProgress = true } } });

        await using (WorkDoneProgress progress = await server.Progress.BeginAsync("Saving module-05", cancellable: true))
        {
            for (int step = 1; step <= 20; step++)
            {
                progress.Report(new WorkDoneProgressUpdate($"file {step}", step * 5));
            }
        }

        JsonElement create = await pair.Client.WaitForServerRequestAsync("window/workDoneProgress/create");
        string token = create.GetProperty("params").GetProperty("token").GetString()!;
        await pair.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");
        string[] kinds = [.. pair.Client.Received
            .Where(m => m.TryGetProperty("method", out JsonElement method) && method.GetString() == "$/progress")
            .Select(m => m.GetProperty("params"))
            .Where(p => p.GetProperty("token").GetString() == token)
            .Select(p => p.GetProperty("value").GetProperty("kind").GetString() + (p.GetProperty("value").TryGetProperty("percentage", out JsonElement pct) ? pct.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : ""))];
        CollectionAssert.AreEqual(
            new[] { "begin" }.Concat(Enumerable.Range(1, 20).Select(step => $"report{step * 5}")).Append("end").ToArray(),
            kinds);
    }

    [TestMethod]
    public async Task Progress_sends_nothing_when_the_client_did_not_advertise_it()
    {
        (ConnectedPair pair, LanguageServer server) = Start();
        await using ConnectedPair owned = pair;
        await pair.Client.ResultAsync("initialize", new { capabilities = new { } });

        await using (WorkDoneProgress progress = await server.Progress.BeginAsync("Saving"))
        {
            progress.Report(new WorkDoneProgressUpdate("step"));
        }

        await pair.Client.ResultAsync("test/documentText", new { uri = Uri });
        Assert.IsFalse(pair.Client.Received.Any(m => m.TryGetProperty("method", out _)), pair.Client.Transcript());
    }

    [TestMethod]
    public async Task Cancelling_progress_in_the_client_cancels_the_operations_token()
    {
        (ConnectedPair pair, LanguageServer server) = Start();
        await using ConnectedPair owned = pair;
        pair.Client.AutoRespond("window/workDoneProgress/create", _ => null);
        await pair.Client.ResultAsync("initialize", new { capabilities = new { window = new { workDoneProgress = true } } });
        await using WorkDoneProgress progress = await server.Progress.BeginAsync("Long", cancellable: true);
        var cancelled = new TaskCompletionSource();
        progress.CancelledByUser.Register(cancelled.SetResult);

        await pair.Client.NotifyAsync("window/workDoneProgress/cancel", new { token = progress.Token });

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsTrue(progress.CancelledByUser.IsCancellationRequested, "The operation's token must be cancelled, not only its callback run.");
    }

    [TestMethod]
    public async Task A_request_carrying_a_work_done_token_reports_on_it_without_create()
    {
        (ConnectedPair pair, LanguageServer server) = Start();
        await using ConnectedPair owned = pair;
        await pair.Client.ResultAsync("initialize", new { capabilities = new { } });
        JsonElement clientToken = JsonSerializer.SerializeToElement(42);

        await using (await server.Progress.BeginAsync("Verify", clientToken))
        {
        }

        JsonElement end = await pair.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "end");
        Assert.AreEqual(42, end.GetProperty("token").GetInt32());
        Assert.IsFalse(pair.Client.Received.Any(m => m.TryGetProperty("method", out JsonElement method) && method.GetString() == "window/workDoneProgress/create"));
    }
}
