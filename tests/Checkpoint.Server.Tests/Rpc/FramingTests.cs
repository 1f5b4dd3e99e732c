using System.Text;
using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Tests.Rpc;

[TestClass]
public sealed class FramingTests
{
    private static ConnectedPair StartEchoServer()
    {
        var pair = new ConnectedPair();
        pair.Server.OnRequest("echo", TestJsonContext.Default.EchoParams, TestJsonContext.Default.String, (p, _) => ValueTask.FromResult(p.Text));
        return pair.Start();
    }

    private static byte[] Frame(string json, string headerName = "Content-Length") =>
        Encoding.UTF8.GetBytes($"{headerName}: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}");

    private static string Echo(int id, string text) =>
        JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method = "echo", @params = new { text } });

    // Unescaped, so multibyte characters reach the wire as UTF-8 (the serializer would \u-escape them).
    private static string EchoVerbatim(int id, string text) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"echo\",\"params\":{\"text\":\"" + text + "\"}}";

    private static bool IsParseError(JsonElement message) =>
        message.TryGetProperty("error", out JsonElement error)
        && error.GetProperty("code").GetInt32() == JsonRpcErrorCodes.ParseError
        && message.GetProperty("id").ValueKind == JsonValueKind.Null;

    [TestMethod]
    public async Task A_message_delivered_one_byte_at_a_time_is_answered()
    {
        await using ConnectedPair pair = StartEchoServer();
        foreach (byte b in Frame(Echo(1, "slow")))
        {
            await pair.Client.SendRawAsync([b]);
        }

        JsonElement response = await pair.Client.WaitForResponseAsync(1);
        Assert.AreEqual("slow", response.GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task Two_messages_in_one_write_are_both_answered()
    {
        await using ConnectedPair pair = StartEchoServer();
        await pair.Client.SendRawAsync([.. Frame(Echo(1, "first")), .. Frame(Echo(2, "second"))]);

        Assert.AreEqual("first", (await pair.Client.WaitForResponseAsync(1)).GetProperty("result").GetString());
        Assert.AreEqual("second", (await pair.Client.WaitForResponseAsync(2)).GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task A_message_split_at_every_possible_byte_is_answered()
    {
        await using ConnectedPair pair = StartEchoServer();
        byte[] frame = Frame(Echo(0, "split"));
        for (int cut = 1; cut < frame.Length; cut++)
        {
            byte[] numbered = Frame(Echo(cut, "split"));
            int at = Math.Min(cut, numbered.Length - 1);
            await pair.Client.SendRawAsync(numbered[..at]);
            await pair.Client.SendRawAsync(numbered[at..]);
        }

        for (int cut = 1; cut < frame.Length; cut++)
        {
            Assert.AreEqual("split", (await pair.Client.WaitForResponseAsync(cut)).GetProperty("result").GetString());
        }
    }

    [TestMethod]
    public async Task Header_names_are_case_insensitive_and_content_type_is_accepted()
    {
        await using ConnectedPair pair = StartEchoServer();
        string body = Echo(1, "cased");
        await pair.Client.SendRawAsync(Encoding.UTF8.GetBytes(
            $"content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:{Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}"));

        Assert.AreEqual("cased", (await pair.Client.WaitForResponseAsync(1)).GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task A_frame_without_content_length_gets_a_parse_error_and_the_next_message_is_served()
    {
        await using ConnectedPair pair = StartEchoServer();
        await pair.Client.SendRawAsync(Encoding.UTF8.GetBytes($"Content-Type: application/json\r\n\r\n{Echo(1, "lost")}"));
        await pair.Client.WaitForMessageAsync(IsParseError, "a parse error");

        await pair.Client.SendRawAsync(Frame(Echo(2, "after")));

        Assert.AreEqual("after", (await pair.Client.WaitForResponseAsync(2)).GetProperty("result").GetString());
        Assert.AreEqual(1, pair.Client.Received.Count(IsParseError), "the lost body is reported once, not again as junk");
        Assert.IsFalse(pair.Client.Received.Any(m => m.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == 1));
    }

    [TestMethod]
    public async Task A_non_numeric_content_length_gets_a_parse_error_and_the_connection_lives_on()
    {
        await using ConnectedPair pair = StartEchoServer();
        await pair.Client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: twelve\r\n\r\n"));
        JsonElement error = await pair.Client.WaitForMessageAsync(IsParseError, "a parse error");
        StringAssert.Contains(error.GetProperty("error").GetProperty("message").GetString(), "twelve");

        await pair.Client.SendRawAsync(Frame(Echo(2, "still here")));
        Assert.AreEqual("still here", (await pair.Client.WaitForResponseAsync(2)).GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task Junk_before_a_header_gets_a_parse_error_and_the_message_after_it_is_served()
    {
        await using ConnectedPair pair = StartEchoServer();
        await pair.Client.SendRawAsync([.. Encoding.ASCII.GetBytes("garbage without a header"), .. Frame(Echo(1, "found"))]);

        Assert.AreEqual("found", (await pair.Client.WaitForResponseAsync(1)).GetProperty("result").GetString());
        await pair.Client.WaitForMessageAsync(IsParseError, "a parse error for the junk");
    }

    [TestMethod]
    public async Task A_body_that_is_not_json_gets_a_parse_error_with_a_null_id_and_the_connection_lives_on()
    {
        await using ConnectedPair pair = StartEchoServer();
        await pair.Client.SendBodyAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"));
        await pair.Client.WaitForMessageAsync(IsParseError, "a parse error");

        await pair.Client.SendRawAsync(Frame(Echo(2, "next")));
        Assert.AreEqual("next", (await pair.Client.WaitForResponseAsync(2)).GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task A_one_megabyte_message_round_trips_through_bounded_pipes()
    {
        await using ConnectedPair pair = StartEchoServer();
        string text = string.Create(1024 * 1024, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        JsonElement response = await pair.Client.RequestAsync("echo", new { text });

        Assert.AreEqual(text, response.GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task Content_length_counts_utf8_bytes_not_characters()
    {
        await using ConnectedPair pair = StartEchoServer();
        const string text = "héllo — 😀 日本語";
        byte[] frame = Frame(EchoVerbatim(1, text));
        Assert.AreNotEqual(EchoVerbatim(1, text).Length, Encoding.UTF8.GetByteCount(EchoVerbatim(1, text)), "the test needs multibyte characters");

        // Split inside the emoji's four bytes as well.
        int emoji = Array.IndexOf(frame, (byte)0xF0);
        await pair.Client.SendRawAsync(frame[..(emoji + 2)]);
        await pair.Client.SendRawAsync(frame[(emoji + 2)..]);

        Assert.AreEqual(text, (await pair.Client.WaitForResponseAsync(1)).GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task The_end_of_the_input_ends_the_connection_cleanly()
    {
        await using ConnectedPair pair = StartEchoServer();
        await pair.Client.SendRawAsync(Frame(Echo(1, "last")));
        await pair.Client.WaitForResponseAsync(1);

        await pair.CloseInputAsync();

        await pair.Running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsTrue(pair.Server.Closing.IsCancellationRequested);
    }

    [TestMethod]
    public async Task A_request_received_before_the_end_of_the_input_is_still_answered()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<string>();
        await using var pair = new ConnectedPair();
        pair.Server.OnRequest("hold", TestJsonContext.Default.String, (_, _) =>
        {
            started.TrySetResult();
            return new ValueTask<string>(release.Task);
        });
        pair.Start();
        int id = await pair.Client.SendRequestAsync("hold");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await pair.CloseInputAsync();
        release.SetResult("answered after the input ended");

        Assert.AreEqual("answered after the input ended", (await pair.Client.WaitForResponseAsync(id)).GetProperty("result").GetString());
        await pair.Running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [TestMethod]
    public async Task A_partial_frame_at_the_end_of_the_input_is_dropped_without_an_error()
    {
        await using ConnectedPair pair = StartEchoServer();
        byte[] frame = Frame(Echo(1, "cut"));
        await pair.Client.SendRawAsync(frame[..^3]);

        await pair.CloseInputAsync();

        await pair.Running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsFalse(pair.Client.Received.Any(), pair.Client.Transcript());
    }
}
