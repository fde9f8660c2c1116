namespace Identomat.Sdk.Lifecycle;

/// <summary>What <c>AddIdentomatLifecycle</c> was given: the context type, the accounts and the handlers.</summary>
internal sealed class LifecycleRegistration(Type contextType)
{
    public Type ContextType { get; } = contextType;

    /// <summary>The accounts whose callback keys the inbox accepts, in the order tried.</summary>
    public List<string> Accounts { get; } = [Microsoft.Extensions.Options.Options.DefaultName];

    /// <summary>The handlers, by the callback type each takes (a base type matches its subclasses).</summary>
    public List<HandlerRegistration> Handlers { get; } = [];
}

/// <summary>One registered handler: the callback type it takes and how to call it (no reflection).</summary>
internal sealed record HandlerRegistration(Type CallbackType, Func<IServiceProvider, IdentomatCallback, IdentomatCallbackContext, CancellationToken, Task> Invoke);
