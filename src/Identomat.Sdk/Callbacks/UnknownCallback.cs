namespace Identomat.Sdk;

/// <summary>A callback of a type the SDK does not know (status updates, new events): read <see cref="IdentomatCallback.Raw"/>.</summary>
public sealed class UnknownCallback : IdentomatCallback
{
    internal UnknownCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
    }
}
