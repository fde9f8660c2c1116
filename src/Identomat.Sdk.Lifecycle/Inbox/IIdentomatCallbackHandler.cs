namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// Handles stored callbacks of one type (a base type, such as <see cref="IdentomatCallback"/>, takes every type),
/// registered with <see cref="IdentomatLifecycleBuilder.AddCallbackHandler{TCallback, THandler}"/> and resolved in a
/// scope of its own for each callback.
/// </summary>
/// <remarks>
/// Delivery is at least once: a handler that throws, or whose instance dies before its completion is committed, runs
/// again. Make its side effect idempotent on <see cref="IdentomatCallbackContext.IdempotencyKey"/> (an SMS gateway's
/// idempotency key, a unique key in your own table): that is the only way to close the window between the side effect
/// and the commit. Once the completion is committed it does not run again, unless the callback is replayed.
/// </remarks>
/// <typeparam name="TCallback">The callback type.</typeparam>
public interface IIdentomatCallbackHandler<in TCallback>
    where TCallback : IdentomatCallback
{
    /// <summary>Acts on one callback.</summary>
    /// <param name="callback">The callback, rebuilt from the inbox.</param>
    /// <param name="context">Its idempotency key, account and attempt.</param>
    /// <param name="cancellationToken">Signalled when the application stops: the callback is then handled again later.</param>
    /// <returns>A task that completes when the side effect is done.</returns>
    Task HandleAsync(TCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken);
}
