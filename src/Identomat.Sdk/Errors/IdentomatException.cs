namespace Identomat.Sdk;

/// <summary>
/// The base of every exception the SDK throws on purpose. Messages never contain credentials or personal data.
/// </summary>
public class IdentomatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public IdentomatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IdentomatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The account the failed call was made for: <see cref="IdentomatClientOptions.AccountName"/> (the name given to
    /// <c>AddIdentomat</c> by default), so that an application with several accounts knows which one failed. Null for a
    /// client without a name and for errors raised outside a client (<c>SessionRequest.ToJson()</c>). Never a key.
    /// </summary>
    public string? Account { get; private set; }

    /// <summary>
    /// Whether trying again later can help: true for timeouts, throttling (429), server errors (5xx, 408) and a
    /// connection that failed; false for an invalid request, a refused key or signature, an unknown session and an answer
    /// the SDK refused. The SDK has already retried what it safely could.
    /// </summary>
    public virtual bool IsTransient => false;

    internal void SetAccount(string? account) => Account ??= account;
}
