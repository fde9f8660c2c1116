using System.Net;
using Identomat.Sdk.Http;

namespace Identomat.Sdk.Tests.Http;

/// <summary>Which failures are retried: a cancellation never; a connection that was never made always.</summary>
public class RetryRulesTests
{
    [TestCase(true)]
    [TestCase(false)]
    public void A_cancellation_is_never_retried(bool retryAfterSend) =>
        Assert.That(
            RetryRules.ShouldRetry(new OperationCanceledException(), answer: null, retryAfterSend, new IdentomatClientOptions(), TimeProvider.System),
            Is.False);

    // .NET 8 names the failures before a connection exists, even without a socket error inside.
    [TestCase(HttpRequestError.NameResolutionError, true)]
    [TestCase(HttpRequestError.ConnectionError, true)]
    [TestCase(HttpRequestError.SecureConnectionError, true)]
    [TestCase(HttpRequestError.ResponseEnded, false)]
    [TestCase(HttpRequestError.Unknown, false)]
    public void A_request_that_never_connected_is_retried_even_when_it_may_not_be_sent_twice(HttpRequestError error, bool neverSent)
    {
        var failure = new HttpRequestException(error, "no connection");

        Assert.That(RetryRules.NeverSent(failure), Is.EqualTo(neverSent));
        Assert.That(
            RetryRules.ShouldRetry(failure, answer: null, retryAfterSend: false, new IdentomatClientOptions(), TimeProvider.System),
            Is.EqualTo(neverSent));
    }
}
