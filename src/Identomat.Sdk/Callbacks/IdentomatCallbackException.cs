namespace Identomat.Sdk;

/// <summary>Why a callback was refused.</summary>
public enum IdentomatCallbackError
{
    /// <summary>The body is not a readable JSON object: answer 400 and ignore it.</summary>
    Malformed,

    /// <summary>The <c>callbackApiKey</c> is missing or does not match: answer 401 and ignore the body.</summary>
    WrongKey,

    /// <summary>The body is larger than <see cref="IdentomatCallbackParser.MaxBodyBytes"/>: answer 413 and ignore it.</summary>
    TooLarge,
}

/// <summary>A callback was refused: see <see cref="Error"/>. The message never contains the key or the body.</summary>
public sealed class IdentomatCallbackException : IdentomatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the callback was refused.</param>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IdentomatCallbackException(IdentomatCallbackError error, string message, Exception? innerException = null)
        : base(message, innerException) =>
        Error = error;

    /// <summary>Why the callback was refused.</summary>
    public IdentomatCallbackError Error { get; }

    /// <summary>The HTTP status to answer the sender with: 401 for a wrong key, 413 for a body too large, 400 otherwise.</summary>
    public int StatusCode => Error switch
    {
        IdentomatCallbackError.WrongKey => 401,
        IdentomatCallbackError.TooLarge => 413,
        _ => 400,
    };
}
