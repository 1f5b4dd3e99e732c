using System.Text;
using System.Text.Json;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// A language client for tests: writes requests and notifications as base-protocol frames, reads
/// the server's frames on a background loop, and lets a test wait — with a timeout, never a fixed
/// sleep — for a response by id, a notification by method, or a request from the server.
/// Its framing is written independently of the server's, so it also checks the server's output:
/// any frame its <see cref="StrictFrameReader"/> cannot read is recorded in <see cref="ProtocolViolations"/> and fails all waits.
/// </summary>
public sealed class LspTestClient : IAsyncDisposable
{
    private static readonly JsonSerializerOptions ParamsOptions = new(JsonSerializerDefaults.Web);

    private readonly Stream _fromServer;
    private readonly Stream _toServer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<JsonElement> _received = [];
    private readonly List<Waiter> _waiters = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, Func<JsonElement, object?>> _autoResponders = new(StringComparer.Ordinal);
    private readonly Task _reading;
    private int _lastId;
    private bool _ended;

    /// <summary>Starts reading <paramref name="fromServer"/>; messages are written to <paramref name="toServer"/>.</summary>
    public LspTestClient(Stream fromServer, Stream toServer)
    {
        _fromServer = fromServer;
        _toServer = toServer;
        _reading = Task.Run(ReadLoopAsync);
    }

    /// <summary>How long a wait lasts unless told otherwise. Generous: test machines are shared.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Frames from the server this client could not read (must stay empty).</summary>
    public IReadOnlyList<string> ProtocolViolations
    {
        get
        {
            lock (_received)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>True once the server's output has ended.</summary>
    public bool OutputEnded
    {
        get
        {
            lock (_received)
            {
                return _ended;
            }
        }
    }

    /// <summary>Sends a request; returns its id. Params are serialized with web defaults (camelCase).</summary>
    public async Task<int> SendRequestAsync(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _lastId);
        await SendAsync(Message(id, method, parameters)).ConfigureAwait(false);
        return id;
    }

    /// <summary>Sends a request and waits for its response (the whole message: result or error).</summary>
    public async Task<JsonElement> RequestAsync(string method, object? parameters = null, TimeSpan? timeout = null)
    {
        int id = await SendRequestAsync(method, parameters).ConfigureAwait(false);
        return await WaitForResponseAsync(id, timeout).ConfigureAwait(false);
    }

    /// <summary>Sends a request and returns its result; fails the test when the server answers with an error.</summary>
    public async Task<JsonElement> ResultAsync(string method, object? parameters = null, TimeSpan? timeout = null)
    {
        JsonElement response = await RequestAsync(method, parameters, timeout).ConfigureAwait(false);
        if (response.TryGetProperty("error", out JsonElement error))
        {
            throw new AssertFailedException($"'{method}' failed: {error.GetRawText()}");
        }

        return response.GetProperty("result");
    }

    /// <summary>Sends a notification.</summary>
    public Task NotifyAsync(string method, object? parameters = null) => SendAsync(Message(null, method, parameters));

    /// <summary>Answers a request the server sent.</summary>
    public Task RespondAsync(JsonElement id, object? result) =>
        SendAsync(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });

    /// <summary>Answers a request the server sent with an error.</summary>
    public Task RespondWithErrorAsync(JsonElement id, int code, string message) =>
        SendAsync(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new { code, message } });

    /// <summary>Answers every future server request for <paramref name="method"/> with <paramref name="result"/>(params).</summary>
    public void AutoRespond(string method, Func<JsonElement, object?> result)
    {
        lock (_received)
        {
            _autoResponders[method] = result;
        }
    }

    /// <summary>Sends one message object as a frame.</summary>
    public Task SendAsync(object message) => SendBodyAsync(JsonSerializer.SerializeToUtf8Bytes(message, ParamsOptions));

    /// <summary>Frames and sends a body exactly as given (it need not be JSON).</summary>
    public Task SendBodyAsync(byte[] body) =>
        SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);

    /// <summary>Sends bytes as they are: no framing added.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _toServer.WriteAsync(bytes).ConfigureAwait(false);
            await _toServer.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes the stream to the server (its stdin).</summary>
    public async Task CloseInputAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _toServer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Waits until the server's output has ended (its process exited or closed stdout) and every frame is read.</summary>
    public async Task WaitForOutputEndAsync(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? DefaultTimeout;
        try
        {
            await _reading.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new AssertFailedException($"The server's output did not end within {limit.TotalSeconds:0.#} s.{Environment.NewLine}{Transcript()}");
        }
    }

    /// <summary>Waits for the response with this id.</summary>
    public Task<JsonElement> WaitForResponseAsync(int id, TimeSpan? timeout = null) =>
        WaitForMessageAsync(
            message => !message.TryGetProperty("method", out _)
                && message.TryGetProperty("id", out JsonElement got)
                && got.ValueKind == JsonValueKind.Number
                && got.GetInt32() == id,
            $"the response to request {id}",
            timeout);

    /// <summary>Waits for a notification of <paramref name="method"/> whose params match; returns its params (or a null element).</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null, int since = 0)
    {
        JsonElement message = await WaitForMessageAsync(
            candidate => IsNotification(candidate, method) && (predicate is null || predicate(ParamsOf(candidate))),
            $"a '{method}' notification",
            timeout,
            since).ConfigureAwait(false);
        return ParamsOf(message);
    }

    /// <summary>Waits for a request from the server; returns the whole message (id, params).</summary>
    public Task<JsonElement> WaitForServerRequestAsync(string method, TimeSpan? timeout = null, int since = 0) =>
        WaitForMessageAsync(
            message => message.TryGetProperty("id", out _) && message.TryGetProperty("method", out JsonElement got) && got.GetString() == method,
            $"a '{method}' request from the server",
            timeout,
            since);

    /// <summary>Waits for the first message (from index <paramref name="since"/>) matching <paramref name="predicate"/>.</summary>
    public async Task<JsonElement> WaitForMessageAsync(Func<JsonElement, bool> predicate, string description, TimeSpan? timeout = null, int since = 0)
    {
        var waiter = new Waiter(predicate, since);
        lock (_received)
        {
            if (Offer(waiter))
            {
                return waiter.Completion.Task.Result;
            }

            if (_ended || _violations.Count > 0)
            {
                throw new AssertFailedException($"Waiting for {description}, but {EndReason()}.{Environment.NewLine}{Transcript()}");
            }

            _waiters.Add(waiter);
        }

        TimeSpan limit = timeout ?? DefaultTimeout;
        try
        {
            return await waiter.Completion.Task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_received)
            {
                _waiters.Remove(waiter);
                throw new AssertFailedException($"No {description} within {limit.TotalSeconds:0.#} s.{Environment.NewLine}{Transcript()}");
            }
        }
    }

    /// <summary>The method names and ids received so far, for failure messages.</summary>
    public string Transcript()
    {
        lock (_received)
        {
            var text = new StringBuilder("Received:");
            foreach (JsonElement message in _received)
            {
                string raw = message.GetRawText();
                text.AppendLine().Append("  ").Append(raw.Length > 300 ? raw[..300] + "…" : raw);
            }

            foreach (string violation in _violations)
            {
                text.AppendLine().Append("  VIOLATION: ").Append(violation);
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _toServer.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
        }

        await _fromServer.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _writeGate.Dispose();
    }

    private static bool IsNotification(JsonElement message, string method) =>
        !message.TryGetProperty("id", out _) && message.TryGetProperty("method", out JsonElement got) && got.GetString() == method;

    private static JsonElement ParamsOf(JsonElement message) =>
        message.TryGetProperty("params", out JsonElement parameters) ? parameters : default;

    private static Dictionary<string, object?> Message(int? id, string method, object? parameters)
    {
        var message = new Dictionary<string, object?> { ["jsonrpc"] = "2.0" };
        if (id is not null)
        {
            message["id"] = id;
        }

        message["method"] = method;
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return message;
    }

    private async Task ReadLoopAsync()
    {
        var reader = new StrictFrameReader(_fromServer);
        try
        {
            while (await reader.ReadAsync().ConfigureAwait(false) is { } body)
            {
                JsonElement message;
                try
                {
                    using JsonDocument document = JsonDocument.Parse(body);
                    message = document.RootElement.Clone();
                }
                catch (JsonException exception)
                {
                    Violate($"a body that is not JSON ({exception.Message}): {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200))}");
                    return;
                }

                Receive(message);
            }
        }
        catch (InvalidDataException exception)
        {
            Violate(exception.Message);
            return;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
        }

        lock (_received)
        {
            _ended = true;
            FailWaiters("the server's output ended");
        }
    }

    private void Receive(JsonElement message)
    {
        Func<JsonElement, object?>? responder = null;
        lock (_received)
        {
            _received.Add(message);
            foreach (Waiter waiter in _waiters.ToArray())
            {
                if (Offer(waiter))
                {
                    _waiters.Remove(waiter);
                }
            }

            if (message.TryGetProperty("id", out _) && message.TryGetProperty("method", out JsonElement method))
            {
                _autoResponders.TryGetValue(method.GetString()!, out responder);
            }
        }

        if (responder is not null)
        {
            object? result = responder(ParamsOf(message));
            _ = RespondAsync(message.GetProperty("id"), result);
        }
    }

    // Called under the lock: completes the waiter with the first match from its starting index.
    private bool Offer(Waiter waiter)
    {
        for (int i = waiter.Since; i < _received.Count; i++)
        {
            if (waiter.Predicate(_received[i]))
            {
                waiter.Completion.TrySetResult(_received[i]);
                return true;
            }
        }

        return false;
    }

    private void Violate(string violation)
    {
        lock (_received)
        {
            _violations.Add(violation);
            _ended = true;
            FailWaiters($"the server wrote an unreadable frame: {violation}");
        }
    }

    private void FailWaiters(string reason)
    {
        foreach (Waiter waiter in _waiters)
        {
            waiter.Completion.TrySetException(new AssertFailedException($"Still waiting, but {reason}.{Environment.NewLine}{Transcript()}"));
        }

        _waiters.Clear();
    }

    private string EndReason() => _violations.Count > 0 ? $"the server wrote an unreadable frame: {_violations[0]}" : "the server's output ended";

    private sealed record Waiter(Func<JsonElement, bool> Predicate, int Since)
    {
        public TaskCompletionSource<JsonElement> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
