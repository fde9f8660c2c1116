namespace Identomat.Sdk;

/// <summary>
/// The SDK's own timeout elapsed: an attempt took longer than <see cref="IdentomatClientOptions.AttemptTimeout"/> on
/// its last try, or the whole operation longer than <see cref="IdentomatClientOptions.TotalTimeout"/>. Cancellation by
/// the caller's token is not a timeout: it stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class IdentomatTimeoutException : IdentomatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="attempts">How many requests were sent.</param>
    /// <param name="innerException">The cause.</param>
    public IdentomatTimeoutException(string message, string operation, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        Attempts = attempts;
    }

    /// <summary>The operation that timed out.</summary>
    public string Operation { get; }

    /// <summary>How many requests were sent.</summary>
    public int Attempts { get; }

    /// <summary>True: a later try may be faster.</summary>
    public override bool IsTransient => true;
}
