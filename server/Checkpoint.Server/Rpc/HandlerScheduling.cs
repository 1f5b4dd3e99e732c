namespace Checkpoint.Server.Rpc;

/// <summary>How an incoming message is ordered against the others.</summary>
public enum HandlerScheduling
{
    /// <summary>
    /// Runs on the thread pool as soon as every <see cref="Serial"/> message that arrived before it
    /// has been handled; runs alongside other concurrent messages.
    /// </summary>
    Concurrent,

    /// <summary>
    /// Runs strictly in arrival order with the other serial messages, after the previous one has
    /// finished. Messages that arrive later observe its effect.
    /// </summary>
    Serial,
}
