using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Tests.Rpc;

/// <summary>Requests the server sends to the client: correlated by id, errors thrown, cancellation sent on.</summary>
[TestClass]
public sealed class JsonRpcClientRequestTests
{
    [TestMethod]
    public async Task A_request_to_the_client_is_correlated_with_its_response_by_id()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(_ => { });
        pair.Client.AutoRespond("client/double", p => p.GetString() + p.GetString());

        Task<string> first = pair.Server.SendRequestAsync("client/double", "ab", TestJsonContext.Default.String, TestJsonContext.Default.String);
        Task<string> second = pair.Server.SendRequestAsync("client/double", "xy", TestJsonContext.Default.String, TestJsonContext.Default.String);

        Assert.AreEqual("abab", await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.AreEqual("xyxy", await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [TestMethod]
    public async Task An_error_from_the_client_is_thrown_as_a_json_rpc_exception()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(_ => { });
        Task<string> asking = pair.Server.SendRequestAsync("client/ask", "q", TestJsonContext.Default.String, TestJsonContext.Default.String);

        JsonElement request = await pair.Client.WaitForServerRequestAsync("client/ask");
        await pair.Client.RespondWithErrorAsync(request.GetProperty("id"), JsonRpcErrorCodes.RequestFailed, "user said no");

        var exception = await Assert.ThrowsExactlyAsync<JsonRpcException>(() => asking.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.AreEqual(JsonRpcErrorCodes.RequestFailed, exception.Code);
        Assert.AreEqual("user said no", exception.Message);
    }

    [TestMethod]
    public async Task Cancelling_a_request_to_the_client_sends_cancel_request_and_stops_waiting()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(_ => { });
        using var cancellation = new CancellationTokenSource();
        Task<string> asking = pair.Server.SendRequestAsync("client/ask", "q", TestJsonContext.Default.String, TestJsonContext.Default.String, cancellation.Token);
        JsonElement request = await pair.Client.WaitForServerRequestAsync("client/ask");

        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => asking.WaitAsync(TimeSpan.FromSeconds(10)));
        JsonElement cancel = await pair.Client.WaitForNotificationAsync("$/cancelRequest");
        Assert.AreEqual(request.GetProperty("id").GetInt64(), cancel.GetProperty("id").GetInt64());
    }
}
