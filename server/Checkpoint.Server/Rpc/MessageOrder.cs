namespace Checkpoint.Server.Rpc;

/// <summary>
/// The readers–writer rule of <see cref="HandlerScheduling"/> in arrival order: each incoming message
/// takes a <see cref="Turn"/> as it is read, starts when the turn is ready and ends it once handled
/// (a request once its response is written, so that a serial request is answered before anything
/// after it runs).
/// </summary>
/// <remarks>
/// <see cref="Enter"/> is called only from the reading loop, one message at a time: that is what makes
/// the order the arrival order, and why the bookkeeping needs no lock.
/// </remarks>
internal sealed class MessageOrder
{
    // Completes when every serial message entered so far has ended; never faults.
    private Task _serialTail = Task.CompletedTask;

    // The concurrent messages entered since the last serial one; the next serial one waits for them.
    private readonly List<Task> _concurrentSinceSerial = [];

    private readonly Lock _gate = new();
    private int _unfinished;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    /// <summary>Takes the next turn for a message of the given scheduling.</summary>
    public Turn Enter(HandlerScheduling scheduling)
    {
        var turn = new Turn(this, scheduling == HandlerScheduling.Serial && _concurrentSinceSerial.Count > 0
            ? Task.WhenAll([_serialTail, .. _concurrentSinceSerial])
            : _serialTail);
        switch (scheduling)
        {
            case HandlerScheduling.Serial:
                _serialTail = turn.Ended;
                _concurrentSinceSerial.Clear();
                break;
            case HandlerScheduling.Concurrent:
                if (_concurrentSinceSerial.Count >= 64)
                {
                    _concurrentSinceSerial.RemoveAll(ended => ended.IsCompleted);
                }

                _concurrentSinceSerial.Add(turn.Ended);
                break;
        }

        lock (_gate)
        {
            if (_unfinished++ == 0)
            {
                _idle = NewIdle(completed: false);
            }
        }

        return turn;
    }

    /// <summary>Completes once every turn entered so far has ended (for draining at the end of the input).</summary>
    public Task Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Task;
            }
        }
    }

    private void Ended()
    {
        lock (_gate)
        {
            if (--_unfinished == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }

    /// <summary>One message's place in the order.</summary>
    public sealed class Turn
    {
        // Continuations run on the pool: ending a turn must not run the next message's handler inline.
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly MessageOrder _order;

        internal Turn(MessageOrder order, Task ready)
        {
            _order = order;
            Ready = ready;
        }

        /// <summary>Completes when the message may start; never faults.</summary>
        public Task Ready { get; }

        internal Task Ended => _ended.Task;

        /// <summary>Ends the turn (idempotent): later messages that wait for this one may start.</summary>
        public void End()
        {
            if (_ended.TrySetResult())
            {
                _order.Ended();
            }
        }
    }
}
