namespace Identomat.Sdk.Testing;

/// <summary>How a fake Identomat server behaves: its keys, and how much it records.</summary>
public class IdentomatFakeServerOptions
{
    /// <summary>The company key the fake accepts.</summary>
    /// <value>Default: <see cref="IdentomatFakeServer.DefaultCompanyKey"/>.</value>
    public string CompanyKey { get; set; } = IdentomatFakeServer.DefaultCompanyKey;

    /// <summary>An HMAC key: when set, requests must be signed with it and answers are signed.</summary>
    /// <value>Default: null (no signing).</value>
    public string? SecretKey { get; set; }

    /// <summary>The key carried by the fake's callbacks (<see cref="IdentomatFakeServer.CreateCallbackBody"/>).</summary>
    /// <value>Default: <see cref="IdentomatFakeServer.DefaultCallbackApiKey"/>.</value>
    public string CallbackApiKey { get; set; } = IdentomatFakeServer.DefaultCallbackApiKey;

    /// <summary>
    /// How many flows <see cref="IdentomatFakeServer.ReceivedSessions"/> and <see cref="IdentomatFakeServer.RejectedSessions"/>
    /// keep each (the latest ones), so that a fake left running does not grow without bound.
    /// </summary>
    /// <value>Default: 1,000. Range: 1 to 1,000,000.</value>
    public int MaxRecordedSessions { get; set; } = 1000;

    /// <summary>
    /// How many sessions the fake keeps: beyond it, adding one forgets the oldest (its token then reads as unknown), with
    /// the faults scripted for it, so that a fake left running does not grow without bound.
    /// </summary>
    /// <value>Default: 10,000. Range: 1 to 1,000,000.</value>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>The fake's clock: when sessions were issued and when their tokens expire (15 minutes after, unless started).</summary>
    /// <value>Default: null (<see cref="System.TimeProvider.System"/>).</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Where the fake widget POSTs the callbacks a flow asks for (a one-time password for a phone or email check), with
    /// <see cref="CallbackApiKey"/>: the app's callback endpoint, e.g. <c>https://localhost:5001/identomat/callbacks</c>.
    /// </summary>
    /// <value>Default: null (the widget then says it cannot send a code).</value>
    public Uri? CallbackUrl { get; set; }

    /// <summary>
    /// The handler the widget's callbacks are sent through, e.g. <c>WebApplicationFactory.Server.CreateHandler()</c>
    /// for an app without a socket; the caller owns it.
    /// </summary>
    /// <value>Default: null (a socket).</value>
    public HttpMessageHandler? CallbackHandler { get; set; }

    internal static Uri? CheckCallbackUrl(Uri? url, string name) =>
        url is null || (url.IsAbsoluteUri && url.Scheme is "http" or "https")
            ? url
            : throw new ArgumentException("CallbackUrl must be an absolute http or https URL.", name);

    internal void Validate()
    {
        if (string.IsNullOrEmpty(CompanyKey))
        {
            throw new ArgumentException("CompanyKey is required.", nameof(CompanyKey));
        }

        if (SecretKey is { Length: 0 })
        {
            throw new ArgumentException("SecretKey is empty: leave it null for a fake that does not sign.", nameof(SecretKey));
        }

        if (string.IsNullOrEmpty(CallbackApiKey))
        {
            throw new ArgumentException("CallbackApiKey is required.", nameof(CallbackApiKey));
        }

        CheckCallbackUrl(CallbackUrl, nameof(CallbackUrl));

        if (MaxRecordedSessions is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRecordedSessions), MaxRecordedSessions, "MaxRecordedSessions must be from 1 to 1,000,000.");
        }

        if (MaxSessions is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSessions), MaxSessions, "MaxSessions must be from 1 to 1,000,000.");
        }
    }
}
