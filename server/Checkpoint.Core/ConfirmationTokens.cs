using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Checkpoint.Core;

/// <summary>
/// One-time tokens for the seed's "show the diff, then confirm": a first call previews a destructive operation
/// and is handed a token bound to what it previewed; only a second call with that token carries it out. A token
/// is refused when it is unknown, already used, expired, issued for another operation or subject, or stale —
/// the state it previewed (its fingerprint) has changed since — so an agent never confirms something it did not see.
/// </summary>
public sealed class ConfirmationTokens(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>How long a preview stays confirmable.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A fresh token for <paramref name="operation"/> on <paramref name="subject"/> as previewed (<paramref name="fingerprint"/>).</summary>
    public string Issue(string operation, string subject, string fingerprint)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        foreach ((string key, Pending old) in _pending)
        {
            if (old.Expires < now) _pending.TryRemove(key, out _);
        }
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _pending[token] = new Pending(operation, subject, fingerprint, now + Lifetime);
        return token;
    }

    /// <summary>Uses up <paramref name="token"/> if it confirms exactly this operation on this subject in this state.</summary>
    /// <exception cref="CheckpointException"><see cref="ErrorKind.InvalidArgument"/> saying why the token does not confirm it.</exception>
    public void Redeem(string token, string operation, string subject, string fingerprint)
    {
        // Removed whatever the outcome: a token is good for one attempt, never for a retry after a refusal.
        if (!_pending.TryRemove(token.Trim(), out Pending? pending))
        {
            throw Refused($"The confirmation token '{token}' is unknown or was already used. Call {operation} again without a token to preview and get a new one.");
        }
        if (pending.Expires < _clock.GetUtcNow())
        {
            throw Refused($"The confirmation token expired ({Lifetime.TotalMinutes:0} minutes after its preview). Call {operation} again without a token for a fresh preview.");
        }
        if (pending.Operation != operation || pending.Subject != subject)
        {
            throw Refused($"The confirmation token was issued for {pending.Operation} of {pending.Subject}, not {operation} of {subject}. Nothing was done.");
        }
        if (pending.Fingerprint != fingerprint)
        {
            throw Refused($"The confirmation token is stale: what {operation} would change is no longer what was previewed (files changed since). Nothing was done; call {operation} again without a token for a fresh preview.");
        }
    }

    private static CheckpointException Refused(string message) => new(ErrorKind.InvalidArgument, message);

    private sealed record Pending(string Operation, string Subject, string Fingerprint, DateTimeOffset Expires);
}
