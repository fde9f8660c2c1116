namespace Identomat.Sdk;

/// <summary>
/// The Identomat server API. Implemented by <see cref="IdentomatClient"/>; mock this interface to test code that uses it
/// (or use the fake server of <c>Identomat.Sdk.Testing</c>).
/// </summary>
public interface IIdentomatClient
{
    /// <summary>
    /// The widget URL of a session token, <c>{WidgetBaseAddress}?session_token={token}</c>: to send a user back to a
    /// session you started earlier and kept only the token of (until it expires, <see cref="IdentomatSession.ExpiresAt"/>).
    /// </summary>
    /// <param name="sessionToken">The session token.</param>
    /// <returns>The URL to redirect the user to, or to load in an iframe.</returns>
    /// <exception cref="ArgumentException">The token is blank.</exception>
    Uri GetWidgetUrl(string sessionToken);

    /// <summary>Starts a session (<c>begin/</c>): validates the request, sends it once signed, and returns the session handle.</summary>
    /// <param name="request">The flow and session parameters.</param>
    /// <param name="cancellationToken">Cancels the operation, including any backoff delay.</param>
    /// <returns>The session: its token and the widget URL to send the user to.</returns>
    /// <exception cref="IdentomatValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="IdentomatAuthenticationException">The company key was refused.</exception>
    /// <exception cref="IdentomatApiException">The server failed or could not be reached.</exception>
    /// <exception cref="IdentomatTimeoutException">The SDK's timeout elapsed.</exception>
    Task<IdentomatSession> BeginSessionAsync(SessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads a session's outcome (<c>result/</c>); it can be read while the session is still in progress.</summary>
    /// <param name="sessionToken">The session token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The typed result.</returns>
    /// <exception cref="IdentomatSessionNotFoundException">The token is unknown.</exception>
    /// <exception cref="IdentomatApiException">The server failed, could not be reached, or sent a malformed answer.</exception>
    /// <exception cref="IdentomatTimeoutException">The SDK's timeout elapsed.</exception>
    Task<VerificationResult> GetResultAsync(string sessionToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fetches a session's media (<c>result/card-front/</c>, <c>result/passport/</c>, <c>result/face-video/</c>, …) as a
    /// stream. Media the session does not have is a normal outcome: <see cref="IdentomatMedia.IsAvailable"/> is false.
    /// </summary>
    /// <param name="sessionToken">The session token.</param>
    /// <param name="kind">Which media.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The media; dispose it when done.</returns>
    /// <exception cref="IdentomatSessionNotFoundException">The token is unknown.</exception>
    /// <exception cref="IdentomatApiException">The server failed or could not be reached.</exception>
    Task<IdentomatMedia> GetMediaAsync(string sessionToken, MediaKind kind, CancellationToken cancellationToken = default);

    /// <summary>Erases a session's data (<c>delete/</c>).</summary>
    /// <param name="sessionToken">The session token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the server confirmed.</returns>
    /// <exception cref="IdentomatSessionNotFoundException">The token is unknown.</exception>
    /// <exception cref="IdentomatApiException">The server failed or could not be reached.</exception>
    Task DeleteSessionAsync(string sessionToken, CancellationToken cancellationToken = default);
}
