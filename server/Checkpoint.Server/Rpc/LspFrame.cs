namespace Checkpoint.Server.Rpc;

/// <summary>
/// One unit read from the base-protocol stream: a message body, a problem with the bytes before it,
/// or both (junk followed by a good frame).
/// </summary>
/// <param name="Body">The UTF-8 JSON body, when a well-formed frame was read.</param>
/// <param name="Problem">Why bytes were discarded, when some were; answered with a parse error.</param>
internal sealed record LspFrame(byte[]? Body, string? Problem);
