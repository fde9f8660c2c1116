using System.Net;
using Identomat.Sdk.Http;
using Identomat.Sdk.Tests.Boundaries;

namespace Identomat.Sdk.Tests.Http;

/// <summary>An answer's body is read whole, exactly as long as declared: a body that ends early is never an answer.</summary>
public class ResponseBodyTests
{
    // 100 bytes is read into an array of its size; 100,000 grows with what arrives. Either way, an early end fails.
    [TestCase(100)]
    [TestCase(100_000)]
    public async Task A_body_that_ends_before_its_declared_length_is_truncated_not_an_answer(int declared)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[declared / 2])) };
        response.Content.Headers.ContentLength = declared;

        var ex = Assert.ThrowsAsync<IOException>(() => ResponseBody.ReadAsync(response, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo($"The response body was truncated: {declared / 2} of {declared} bytes arrived."));
        await Task.CompletedTask;
    }

    [TestCase(0)]
    [TestCase(100)]
    [TestCase(100_000)]
    public async Task A_body_is_read_whole_declared_or_not(int length)
    {
        var body = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        using var declared = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        using var undeclared = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UndeclaredBody(body)) };

        Assert.That(await ResponseBody.ReadAsync(declared, CancellationToken.None), Is.EqualTo(body));
        Assert.That(undeclared.Content.Headers.ContentLength, Is.Null);
        Assert.That(await ResponseBody.ReadAsync(undeclared, CancellationToken.None), Is.EqualTo(body));
    }

    [Test]
    public void A_client_call_on_a_truncated_body_is_the_SDKs_exception_with_the_cause()
    {
        var handler = new StubHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[10])) };
            response.Content.Headers.ContentLength = 20;
            return response;
        });
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.InnerException, Is.TypeOf<IOException>());
        Assert.That(ex.InnerException!.Message, Does.Contain("10 of 20 bytes"));
    }
}
