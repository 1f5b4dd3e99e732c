namespace Checkpoint.Server.Rpc;

/// <summary>
/// How an incoming message is ordered against the others — a readers–writer rule in arrival
/// order, so that every request works on the state exactly as of its arrival.
/// </summary>
public enum HandlerScheduling
{
    /// <summary>
    /// A reader of shared state: starts once every serial message that arrived before it has
    /// finished, runs alongside other concurrent messages, and holds back the serial messages that
    /// arrive after it until it finishes (so a document cannot change under it).
    /// </summary>
    Concurrent,

    /// <summary>
    /// A writer of shared state (document sync, lifecycle): runs alone, after everything that
    /// arrived before it has finished. Messages that arrive later observe its effect.
    /// </summary>
    Serial,

    /// <summary>
    /// Reads no state that serial messages change (e.g. works on files on disk): starts once the
    /// serial messages before it have finished, but later serial messages do not wait for it. For
    /// long operations that must not freeze document sync.
    /// </summary>
    Detached,
}
