#pragma warning disable CA2022, CA1068 // Reads here check each call's answer; the helper takes named optional arguments.
#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Http;

/// <summary>What the SDK reads from answer headers: a request id shown only when plain, a Retry-After beyond what a timer allows.</summary>
public class ResponseHeadersTests
{
    [TestCase("réq-1")]
    [TestCase("req 1")]
    public void A_request_id_with_other_than_plain_ASCII_is_dropped(string id)
    {
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.InternalServerError, "{}"u8.ToArray());
            response.Headers.TryAddWithoutValidation("X-Request-Id", id);
            return response;
        });
        using var client = handler.Client();

        Assert.That(Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync("tok"))!.RequestId, Is.Null);
    }

    // MaxRetryAfter is documented "zero or more". With a large one (here TimeSpan.MaxValue), a
    // 503 whose Retry-After is 5,000,000 s (58 days) makes the retry delay exceed what a timer accepts: the call fails
    // with "failed unexpectedly (ArgumentOutOfRangeException)" and StatusCode null, losing the 503.
    [Test]
    public void A_Retry_After_longer_than_a_timer_allows_keeps_the_status()
    {
        var handler = new StubHandler(_ =>
        {
            var answer = StubHandler.Answer(HttpStatusCode.ServiceUnavailable, "{}"u8.ToArray());
            answer.Headers.TryAddWithoutValidation("Retry-After", "5000000");
            return answer;
        });
        // MaxRetryAfter is bounded (a day) by validation; a wait longer than it, or than TotalTimeout, is not waited for.
        Assert.That(new IdentomatClientOptions { CompanyKey = "ck", MaxRetryAfter = TimeSpan.MaxValue }.Validate(), Has.One.StartsWith("MaxRetryAfter must be from zero to 1 day"));
        using var client = handler.Client(o => { o.MaxRetries = 2; o.MaxRetryAfter = TimeSpan.FromDays(1); });

        var ex = Assert.ThrowsAsync(Is.InstanceOf<IdentomatApiException>(), () => client.GetResultAsync(Hostile.Token)) as IdentomatApiException;

        Assert.That((int?)ex!.StatusCode, Is.EqualTo(503));
        Assert.That(ex.InnerException, Is.Not.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(handler.Requests, Is.EqualTo(1), "a wait longer than TotalTimeout is not waited for");
    }
}
