namespace Checkpoint.Server.Rpc;

/// <summary>
/// Decides whether an incoming message may be handled now (for example: not before the protocol's
/// handshake). Returns null to admit it, or the error that refuses it.
/// </summary>
/// <param name="method">The message's method.</param>
/// <param name="isRequest">False for a notification, which is dropped when refused.</param>
public delegate JsonRpcError? MessageAdmission(string method, bool isRequest);
