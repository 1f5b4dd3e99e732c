using System.Text;
using System.Text.Json;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Tests.Rpc;

/// <summary>
/// The messages a <see cref="JsonRpcConnection"/> answers: batches, errors, ids, admission and the cancellation of a
/// request from the client. How handlers are scheduled is in <see cref="JsonRpcSchedulingTests"/>, requests the
/// server sends in <see cref="JsonRpcClientRequestTests"/>.
/// </summary>
[TestClass]
public sealed class JsonRpcConnectionTests
{
    private static int ErrorCode(JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    private static string ErrorMessage(JsonElement response) => response.GetProperty("error").GetProperty("message").GetString()!;

    private static void RegisterEcho(JsonRpcConnection server) =>
        server.OnRequest("echo", TestJsonContext.Default.EchoParams, TestJsonContext.Default.String, (p, _) => ValueTask.FromResult(p.Text));

    [TestMethod]
    public async Task A_batch_is_answered_with_an_array_that_has_no_entries_for_its_notifications()
    {
        var notified = new TaskCompletionSource<int>();
        await using ConnectedPair pair = ConnectedPair.StartedWith(server =>
        {
            RegisterEcho(server);
            server.OnNotification("note", TestJsonContext.Default.StoreParams, (p, _) =>
            {
                notified.TrySetResult(p.Value);
                return ValueTask.CompletedTask;
            });
        });

        await pair.Client.SendBodyAsync(Encoding.UTF8.GetBytes("""
            [ {"jsonrpc":"2.0","id":1,"method":"echo","params":{"text":"one"}},
              {"jsonrpc":"2.0","method":"note","params":{"value":7}},
              {"jsonrpc":"2.0","id":"two","method":"echo","params":{"text":"two"}},
              {"jsonrpc":"2.0","id":3,"method":"nope"},
              42 ]
            """));

        JsonElement batch = await pair.Client.WaitForMessageAsync(m => m.ValueKind == JsonValueKind.Array, "the batch response");
        Assert.AreEqual(4, batch.GetArrayLength(), batch.GetRawText());
        JsonElement[] answers = [.. batch.EnumerateArray()];
        Assert.AreEqual("one", answers.Single(a => a.GetProperty("id").ValueKind == JsonValueKind.Number && a.GetProperty("id").GetInt32() == 1).GetProperty("result").GetString());
        Assert.AreEqual("two", answers.Single(a => a.GetProperty("id").ValueKind == JsonValueKind.String).GetProperty("result").GetString());
        Assert.AreEqual(JsonRpcErrorCodes.MethodNotFound, ErrorCode(answers.Single(a => a.GetProperty("id").ValueKind == JsonValueKind.Number && a.GetProperty("id").GetInt32() == 3)));
        Assert.AreEqual(JsonRpcErrorCodes.InvalidRequest, ErrorCode(answers.Single(a => a.GetProperty("id").ValueKind == JsonValueKind.Null)));
        Assert.AreEqual(7, await notified.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [TestMethod]
    public async Task Five_thousand_pipelined_requests_are_all_answered()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(RegisterEcho);
        const int count = 5000;
        var frames = new List<byte>();
        for (int id = 1; id <= count; id++)
        {
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", id, method = "echo", @params = new { text = $"#{id}" } });
            frames.AddRange(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            frames.AddRange(body);
        }

        await pair.Client.SendRawAsync([.. frames]);

        for (int id = 1; id <= count; id++)
        {
            Assert.AreEqual($"#{id}", (await pair.Client.WaitForResponseAsync(id)).GetProperty("result").GetString());
        }

        Assert.AreEqual(count, pair.Client.Received.Count, "one answer per request, nothing else");
    }

    [TestMethod]
    public async Task An_empty_batch_is_an_invalid_request()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(RegisterEcho);
        await pair.Client.SendBodyAsync("[]"u8.ToArray());

        JsonElement response = await pair.Client.WaitForMessageAsync(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("error", out _), "an error");

        Assert.AreEqual(JsonRpcErrorCodes.InvalidRequest, ErrorCode(response));
        Assert.AreEqual(JsonValueKind.Null, response.GetProperty("id").ValueKind);
    }

    [TestMethod]
    public async Task A_batch_of_notifications_only_gets_no_answer_at_all()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(RegisterEcho);
        await pair.Client.SendBodyAsync("""[{"jsonrpc":"2.0","method":"a"},{"jsonrpc":"2.0","method":"$/b"}]"""u8.ToArray());

        // Responses are sent in order of completion; once the later request is answered nothing else may have come.
        await pair.Client.ResultAsync("echo", new { text = "x" });
        Assert.AreEqual(1, pair.Client.Received.Count, pair.Client.Transcript());
    }

    [TestMethod]
    public async Task An_unknown_method_gets_method_not_found()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(RegisterEcho);

        JsonElement response = await pair.Client.RequestAsync("no/such/method", new { });

        Assert.AreEqual(JsonRpcErrorCodes.MethodNotFound, ErrorCode(response));
        StringAssert.Contains(ErrorMessage(response), "no/such/method");
    }

    [TestMethod]
    public async Task Params_of_the_wrong_shape_or_missing_get_invalid_params_and_the_handler_never_runs()
    {
        bool ran = false;
        await using ConnectedPair pair = ConnectedPair.StartedWith(server => server.OnRequest("echo", TestJsonContext.Default.EchoParams, TestJsonContext.Default.String, (p, _) =>
        {
            ran = true;
            return ValueTask.FromResult(p.Text);
        }));

        JsonElement wrongType = await pair.Client.RequestAsync("echo", new { text = 12 });
        JsonElement missingField = await pair.Client.RequestAsync("echo", new { other = "x" });
        JsonElement noParams = await pair.Client.RequestAsync("echo");

        Assert.AreEqual(JsonRpcErrorCodes.InvalidParams, ErrorCode(wrongType));
        Assert.AreEqual(JsonRpcErrorCodes.InvalidParams, ErrorCode(missingField));
        Assert.AreEqual(JsonRpcErrorCodes.InvalidParams, ErrorCode(noParams));
        Assert.IsFalse(ran);
    }

    [TestMethod]
    public async Task Malformed_requests_get_invalid_request()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(RegisterEcho);
        string[] bodies =
        [
            """{"id":1,"method":"echo","params":{"text":"no version"}}""",
            """{"jsonrpc":"1.0","id":2,"method":"echo","params":{"text":"old"}}""",
            """{"jsonrpc":"2.0","id":3,"method":5}""",
            """{"jsonrpc":"2.0","id":4,"method":"echo","params":"text"}""",
            """{"jsonrpc":"2.0","id":1.5,"method":"echo","params":{"text":"fraction"}}""",
            """{"jsonrpc":"2.0","id":{"x":1},"method":"echo","params":{"text":"object id"}}""",
            "17",
        ];
        foreach (string body in bodies)
        {
            await pair.Client.SendBodyAsync(Encoding.UTF8.GetBytes(body));
        }

        await pair.Client.WaitForMessageAsync(_ => pair.Client.Received.Count >= bodies.Length, "an answer to every malformed request");
        Assert.AreEqual(bodies.Length, pair.Client.Received.Count(m => ErrorCode(m) == JsonRpcErrorCodes.InvalidRequest), pair.Client.Transcript());
        Assert.AreEqual(3, pair.Client.Received.Count(m => m.GetProperty("id").ValueKind == JsonValueKind.Null), "ids that cannot be read are answered as null");
    }

    [TestMethod]
    public async Task A_string_id_is_echoed_as_a_string()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(RegisterEcho);
        await pair.Client.SendAsync(new { jsonrpc = "2.0", id = "abc", method = "echo", @params = new { text = "s" } });

        JsonElement response = await pair.Client.WaitForMessageAsync(m => m.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String, "the response");

        Assert.AreEqual("abc", response.GetProperty("id").GetString());
        Assert.AreEqual("s", response.GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task A_handler_exception_becomes_an_internal_error_is_logged_and_the_connection_lives_on()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(server =>
        {
            RegisterEcho(server);
            server.OnRequest("boom", TestJsonContext.Default.String, (_, _) => throw new InvalidOperationException("the disk is on fire"));
        });

        JsonElement response = await pair.Client.RequestAsync("boom");

        Assert.AreEqual(JsonRpcErrorCodes.InternalError, ErrorCode(response));
        Assert.AreEqual("the disk is on fire", ErrorMessage(response));
        Assert.IsTrue(pair.Log.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("boom", StringComparison.Ordinal)));
        Assert.AreEqual("alive", (await pair.Client.ResultAsync("echo", new { text = "alive" })).GetString());
    }

    [TestMethod]
    public async Task A_json_rpc_exception_becomes_that_error_with_its_data()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(server => server.OnRequest("fail", TestJsonContext.Default.String, (_, _) =>
            throw JsonRpcException.WithData(JsonRpcErrorCodes.RequestFailed, "no such checkpoint", "module-05", TestJsonContext.Default.String)));

        JsonElement response = await pair.Client.RequestAsync("fail");

        Assert.AreEqual(JsonRpcErrorCodes.RequestFailed, ErrorCode(response));
        Assert.AreEqual("no such checkpoint", ErrorMessage(response));
        Assert.AreEqual("module-05", response.GetProperty("error").GetProperty("data").GetString());
    }

    [TestMethod]
    public async Task Cancel_request_cancels_the_handlers_token_and_the_answer_is_request_cancelled()
    {
        var started = new TaskCompletionSource();
        var observed = new TaskCompletionSource();
        await using ConnectedPair pair = ConnectedPair.StartedWith(server => server.OnRequest("slow", TestJsonContext.Default.String, async (_, token) =>
        {
            using CancellationTokenRegistration registration = token.Register(observed.SetResult);
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        }));

        int id = await pair.Client.SendRequestAsync("slow");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await pair.Client.NotifyAsync("$/cancelRequest", new { id });

        JsonElement response = await pair.Client.WaitForResponseAsync(id);
        Assert.AreEqual(JsonRpcErrorCodes.RequestCancelled, ErrorCode(response));
        Assert.IsTrue(observed.Task.IsCompleted, "the handler's token was cancelled");
    }

    [TestMethod]
    public async Task A_request_cancelled_while_it_waits_behind_a_serial_message_never_runs()
    {
        bool ran = false;
        JsonRpcConnection? connection = null;
        await using ConnectedPair pair = ConnectedPair.StartedWith(server =>
        {
            connection = server;
            // The serial message holds the queue until the client answers its question. The answer is read
            // after the cancellation (the client sends it last), so the release cannot overtake the cancel —
            // releasing from the test instead raced with the server reading $/cancelRequest (a CI flake).
            server.OnNotification("block", async (_, _) =>
                await connection!.SendRequestAsync("client/mayContinue", "q", TestJsonContext.Default.String, TestJsonContext.Default.String),
                HandlerScheduling.Serial);
            server.OnRequest("work", TestJsonContext.Default.String, (_, _) =>
            {
                ran = true;
                return ValueTask.FromResult("ran");
            });
        });

        await pair.Client.NotifyAsync("block");
        JsonElement question = await pair.Client.WaitForServerRequestAsync("client/mayContinue");
        int id = await pair.Client.SendRequestAsync("work");
        await pair.Client.NotifyAsync("$/cancelRequest", new { id });
        await pair.Client.RespondAsync(question.GetProperty("id"), "go");

        Assert.AreEqual(JsonRpcErrorCodes.RequestCancelled, ErrorCode(await pair.Client.WaitForResponseAsync(id)));
        Assert.IsFalse(ran);
    }

    [TestMethod]
    public async Task Cancelling_an_unknown_or_finished_request_is_harmless()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(RegisterEcho);
        await pair.Client.NotifyAsync("$/cancelRequest", new { id = 999 });
        await pair.Client.NotifyAsync("$/cancelRequest", new { id = "nope" });
        await pair.Client.NotifyAsync("$/cancelRequest");

        Assert.AreEqual("ok", (await pair.Client.ResultAsync("echo", new { text = "ok" })).GetString());
        Assert.AreEqual(1, pair.Client.Received.Count, pair.Client.Transcript());
    }

    [TestMethod]
    public async Task A_refusing_admission_answers_requests_with_its_error_and_drops_notifications()
    {
        bool notified = false;
        await using ConnectedPair pair = ConnectedPair.StartedWith(server =>
        {
            RegisterEcho(server);
            server.OnNotification("note", (_, _) =>
            {
                notified = true;
                return ValueTask.CompletedTask;
            });
            server.UseAdmission((method, _) => method == "echo" ? null : new JsonRpcError(JsonRpcErrorCodes.ServerNotInitialized, "not yet"));
        });

        await pair.Client.NotifyAsync("note");
        JsonElement refused = await pair.Client.RequestAsync("anything");
        JsonElement admitted = await pair.Client.RequestAsync("echo", new { text = "in" });

        Assert.AreEqual(JsonRpcErrorCodes.ServerNotInitialized, ErrorCode(refused));
        Assert.AreEqual("in", admitted.GetProperty("result").GetString());
        Assert.IsFalse(notified);
    }

    [TestMethod]
    public async Task A_second_request_with_the_id_of_a_running_one_is_refused()
    {
        var release = new TaskCompletionSource<string>();
        await using ConnectedPair pair = ConnectedPair.StartedWith(server => server.OnRequest("hold", TestJsonContext.Default.String, (_, _) => new ValueTask<string>(release.Task)));

        await pair.Client.SendAsync(new { jsonrpc = "2.0", id = 5, method = "hold" });
        await pair.Client.SendAsync(new { jsonrpc = "2.0", id = 5, method = "hold" });
        JsonElement refused = await pair.Client.WaitForResponseAsync(5);
        release.SetResult("done");

        Assert.AreEqual(JsonRpcErrorCodes.InvalidRequest, ErrorCode(refused));
        JsonElement finished = await pair.Client.WaitForMessageAsync(m => m.TryGetProperty("result", out _), "the held request's result");
        Assert.AreEqual("done", finished.GetProperty("result").GetString());
    }
}
