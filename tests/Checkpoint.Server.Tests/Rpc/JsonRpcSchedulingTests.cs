using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Tests.Rpc;

/// <summary>
/// The scheduling rules written where the server registers its handlers (Lsp/HandlerRegistry.cs), one test each:
/// serial messages run alone and in order, concurrent requests in parallel, detached ones hold nothing back, and
/// frames written at once never interleave.
/// </summary>
[TestClass]
public sealed class JsonRpcSchedulingTests
{
    [TestMethod]
    public async Task A_request_sent_after_a_serial_message_sees_its_effect()
    {
        int stored = 0;
        await using ConnectedPair pair = ConnectedPair.StartedWith(server =>
        {
            server.OnNotification("store", TestJsonContext.Default.StoreParams, async (p, _) =>
            {
                // Slow on purpose: a request that did not wait for it would read the old value.
                await Task.Delay(5);
                Volatile.Write(ref stored, p.Value);
            }, HandlerScheduling.Serial);
            server.OnRequest("read", TestJsonContext.Default.Int32, (_, _) => ValueTask.FromResult(Volatile.Read(ref stored)));
        });

        var reads = new List<int>();
        for (int value = 1; value <= 30; value++)
        {
            await pair.Client.NotifyAsync("store", new { value });
            reads.Add(await pair.Client.SendRequestAsync("read"));
        }

        for (int i = 0; i < reads.Count; i++)
        {
            Assert.AreEqual(i + 1, (await pair.Client.WaitForResponseAsync(reads[i])).GetProperty("result").GetInt32(), $"read #{i + 1}");
        }
    }

    [TestMethod]
    public async Task A_serial_message_waits_for_the_concurrent_requests_that_arrived_before_it()
    {
        int stored = 0;
        var readerStarted = new TaskCompletionSource();
        var releaseReader = new TaskCompletionSource();
        await using ConnectedPair pair = ConnectedPair.StartedWith(server =>
        {
            server.OnNotification("store", TestJsonContext.Default.StoreParams, (p, _) =>
            {
                Volatile.Write(ref stored, p.Value);
                return ValueTask.CompletedTask;
            }, HandlerScheduling.Serial);
            server.OnRequest("slowRead", TestJsonContext.Default.Int32, async (_, _) =>
            {
                int before = Volatile.Read(ref stored);
                readerStarted.TrySetResult();
                await releaseReader.Task;
                return Volatile.Read(ref stored) == before ? before : -1;
            });
            server.OnRequest("read", TestJsonContext.Default.Int32, (_, _) => ValueTask.FromResult(Volatile.Read(ref stored)));
        });

        int slow = await pair.Client.SendRequestAsync("slowRead");
        await readerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await pair.Client.NotifyAsync("store", new { value = 9 });
        int after = await pair.Client.SendRequestAsync("read");
        releaseReader.SetResult();

        Assert.AreEqual(0, (await pair.Client.WaitForResponseAsync(slow)).GetProperty("result").GetInt32(), "the state changed under a running reader");
        Assert.AreEqual(9, (await pair.Client.WaitForResponseAsync(after)).GetProperty("result").GetInt32());
    }

    [TestMethod]
    public async Task A_detached_request_does_not_hold_back_serial_messages()
    {
        var release = new TaskCompletionSource<string>();
        var stored = new TaskCompletionSource<int>();
        await using ConnectedPair pair = ConnectedPair.StartedWith(server =>
        {
            server.OnRequest("longSave", TestJsonContext.Default.String, (_, _) => new ValueTask<string>(release.Task), HandlerScheduling.Detached);
            server.OnNotification("store", TestJsonContext.Default.StoreParams, (p, _) =>
            {
                stored.TrySetResult(p.Value);
                return ValueTask.CompletedTask;
            }, HandlerScheduling.Serial);
        });

        int save = await pair.Client.SendRequestAsync("longSave");
        await pair.Client.NotifyAsync("store", new { value = 3 });

        Assert.AreEqual(3, await stored.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        release.SetResult("saved");
        Assert.AreEqual("saved", (await pair.Client.WaitForResponseAsync(save)).GetProperty("result").GetString());
    }

    [TestMethod]
    public async Task Serial_messages_run_one_at_a_time_in_arrival_order()
    {
        var order = new List<int>();
        int running = 0;
        int overlaps = 0;
        var done = new TaskCompletionSource();
        await using ConnectedPair pair = ConnectedPair.StartedWith(server => server.OnNotification("step", TestJsonContext.Default.StoreParams, async (p, _) =>
        {
            if (Interlocked.Increment(ref running) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Delay(p.Value % 3);
            lock (order)
            {
                order.Add(p.Value);
            }

            Interlocked.Decrement(ref running);
            if (p.Value == 40)
            {
                done.SetResult();
            }
        }, HandlerScheduling.Serial));

        for (int value = 1; value <= 40; value++)
        {
            await pair.Client.NotifyAsync("step", new { value });
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
        CollectionAssert.AreEqual(Enumerable.Range(1, 40).ToList(), order);
        Assert.AreEqual(0, overlaps);
    }

    [TestMethod]
    public async Task Concurrent_requests_run_in_parallel()
    {
        var bothStarted = new CountdownEvent(2);
        await using ConnectedPair pair = ConnectedPair.StartedWith(server => server.OnRequest("meet", TestJsonContext.Default.Boolean, (_, token) =>
        {
            bothStarted.Signal();

            // Each waits for the other: only parallel handlers both finish.
            return ValueTask.FromResult(bothStarted.Wait(TimeSpan.FromSeconds(10), token));
        }));

        Task<JsonElement> first = pair.Client.ResultAsync("meet");
        Task<JsonElement> second = pair.Client.ResultAsync("meet");

        Assert.IsTrue((await first).GetBoolean());
        Assert.IsTrue((await second).GetBoolean());
    }

    [TestMethod]
    public async Task Frames_written_from_many_threads_at_once_never_interleave()
    {
        await using ConnectedPair pair = ConnectedPair.StartedWith(_ => { });
        const int senders = 64;
        string payload = new('x', 200_000);

        await Task.WhenAll(Enumerable.Range(0, senders).Select(i => Task.Run(() =>
            pair.Server.SendNotificationAsync("bulk", $"{i}:{payload}", TestJsonContext.Default.String).AsTask())));

        for (int i = 0; i < senders; i++)
        {
            string prefix = $"{i}:";
            JsonElement received = await pair.Client.WaitForNotificationAsync("bulk", p => p.GetString()!.StartsWith(prefix, StringComparison.Ordinal));
            Assert.AreEqual(prefix + payload, received.GetString());
        }

        Assert.AreEqual(0, pair.Client.ProtocolViolations.Count);
    }
}
