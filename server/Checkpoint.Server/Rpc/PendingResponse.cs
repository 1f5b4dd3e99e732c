using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Checkpoint.Server.Rpc;

/// <summary>A request sent to the peer, waiting for the response with its id.</summary>
internal abstract class PendingResponse
{
    /// <summary>The peer answered with a result; called on the reading thread while the message is alive.</summary>
    public abstract void Complete(JsonElement result);

    /// <summary>The peer answered with an error, or the wait ended for another reason.</summary>
    public abstract void Fail(Exception exception);
}

/// <inheritdoc />
internal sealed class PendingResponse<TResult>(JsonTypeInfo<TResult> resultType) : PendingResponse
{
    // Continuations run on the pool: the reading loop must not run the requester's code.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the deserialized result.</summary>
    public Task<TResult> Task => _completion.Task;

    /// <inheritdoc />
    public override void Complete(JsonElement result)
    {
        try
        {
            _completion.TrySetResult(result.Deserialize(resultType)!);
        }
        catch (JsonException exception)
        {
            _completion.TrySetException(exception);
        }
    }

    /// <inheritdoc />
    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>Stops waiting.</summary>
    public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
