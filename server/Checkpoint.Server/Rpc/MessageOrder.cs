namespace Checkpoint.Server.Rpc;

/// <summary>
/// The readers–writer rule of <see cref="HandlerScheduling"/> in arrival order: each incoming message
/// takes a <see cref="Turn"/> as it is read, starts when the turn is ready and ends it once handled
/// (a request once its response is written, so that a serial request is answered before anything
/// after it runs).
/// </summary>
/// <remarks>
/// <see cref="Enter"/> and <see cref="Idle"/> are called only from the reading loop, one message at a
/// time: that is what makes the order the arrival order, and why the bookkeeping needs no lock.
/// </remarks>
internal sealed class MessageOrder
{
    // Ends when every serial message entered so far has ended; never faults.
    private Task _serialTail = Task.CompletedTask;

    // The concurrent messages entered since the last serial one (the next serial one waits for them), and
    // the detached ones still running (nothing waits for them but the end of the input).
    private readonly List<Task> _concurrentSinceSerial = [];
    private readonly List<Task> _detached = [];

    /// <summary>Takes the next turn for a message of the given scheduling.</summary>
    public Turn Enter(HandlerScheduling scheduling)
    {
        var turn = new Turn(scheduling == HandlerScheduling.Serial && _concurrentSinceSerial.Count > 0
            ? Task.WhenAll([_serialTail, .. _concurrentSinceSerial])
            : _serialTail);
        switch (scheduling)
        {
            case HandlerScheduling.Serial:
                _serialTail = turn.Ended;
                _concurrentSinceSerial.Clear();
                break;
            case HandlerScheduling.Concurrent:
                Add(_concurrentSinceSerial, turn.Ended);
                break;
            case HandlerScheduling.Detached:
                Add(_detached, turn.Ended);
                break;
        }

        return turn;
    }

    /// <summary>Completes once every turn entered so far has ended (to drain at the end of the input).</summary>
    public Task Idle() => Task.WhenAll([_serialTail, .. _concurrentSinceSerial, .. _detached]);

    private static void Add(List<Task> running, Task ended)
    {
        if (running.Count >= 64)
        {
            running.RemoveAll(task => task.IsCompleted);
        }

        running.Add(ended);
    }

    /// <summary>One message's place in the order.</summary>
    public sealed class Turn(Task ready)
    {
        // Continuations run on the pool: ending a turn must not run the next message's handler inline.
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the message may start; never faults.</summary>
        public Task Ready => ready;

        internal Task Ended => _ended.Task;

        /// <summary>Ends the turn (idempotent): later messages that wait for this one may start.</summary>
        public void End() => _ended.TrySetResult();
    }
}
