extern alias AspNetCoreSample;

using Microsoft.AspNetCore.TestHost;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ISmsSender = AspNetCoreSample::ISmsSender;
using SampleApp = AspNetCoreSample::Program;

namespace Identomat.Sdk.Tests.Samples;

/// <summary>The ASP.NET Core sample, in process, against the fake server.</summary>
public sealed class AspNetCoreSampleTests
{
    private IdentomatFakeServer _fake = null!;
    private RecordingSms _sms = null!;
    private WebApplicationFactory<SampleApp> _app = null!;

    [SetUp]
    public void StartApp()
    {
        _fake = IdentomatFakeServer.StartInProcess();
        _sms = new RecordingSms();

        // The app's own AddIdentomat registration, with the in-process fake plugged in: one line, no socket.
        _app = new WebApplicationFactory<SampleApp>().WithWebHostBuilder(web => web
            .ConfigureTestServices(services => services
                .UseIdentomatFake(_fake)
                .Replace(ServiceDescriptor.Singleton<ISmsSender>(_sms))));
    }

    [TearDown]
    public void StopApp()
    {
        _app.Dispose();
        _fake.Dispose();
    }

    private HttpClient Browser() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Test]
    public async Task Starting_verification_redirects_to_the_widget_with_a_return_url()
    {
        using var browser = Browser();

        using var response = await browser.GetAsync("/verify/user-7");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var token = _fake.SessionTokens.Single();
        Assert.That(response.Headers.Location, Is.EqualTo(new Uri(_fake.WidgetBaseAddress + "?session_token=" + token)));
        var request = _fake.RequestOf(token);
        Assert.That(request.ClientUserId, Is.EqualTo("user-7"));
        Assert.That(request.Flags!.ReturnUrl!.ToString(), Is.EqualTo("http://localhost/verify/user-7/done"));
    }

    [Test]
    public async Task The_return_url_reads_the_typed_result()
    {
        using var browser = Browser();
        using (await browser.GetAsync("/verify/user-8"))
        {
        }

        _fake.CompleteSession(_fake.SessionTokens.Single(), FakeResults.Approved());
        var outcome = await browser.GetFromJsonAsync<Dictionary<string, object?>>("/verify/user-8/done");

        Assert.That(outcome!["status"]?.ToString(), Is.EqualTo("approved"));
        Assert.That(outcome["documentType"]?.ToString(), Is.EqualTo("id"));
    }

    [Test]
    public async Task The_return_url_of_an_unknown_user_is_not_found()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/verify/nobody/done");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_iframe_variant_embeds_the_widget_with_camera_access()
    {
        using var browser = Browser();

        var html = await browser.GetStringAsync("/verify/user-9/iframe");

        var token = _fake.SessionTokens.Single();
        Assert.That(html, Does.Contain($"<iframe src=\"{_fake.WidgetBaseAddress}?session_token={token}\" allow=\"camera; microphone\""));
        Assert.That(html, Does.Contain("e.data === \"DONE\"").And.Contain("/verify/user-9/done"));
        var origin = new Uri(_fake.WidgetBaseAddress.ToString()).GetLeftPart(UriPartial.Authority);
        Assert.That(html, Does.Contain($"if (e.origin !== \"{System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(origin)}\") {{ return; }}"), "messages from other origins are ignored");
        Assert.That(_fake.RequestOf(token).Flags, Is.Null, "no return_url: the session is embedded");
    }

    [Test]
    public async Task A_keyed_one_time_password_callback_is_handled()
    {
        using var browser = Browser();
        var body = _fake.CreateCallbackBody("one-time-password-request", "s1", new Dictionary<string, string> { ["text"] = "Code 9911", ["phoneNumber"] = "+15550001" });

        using var response = await browser.PostAsync("/identomat/callback", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_sms.Sent.Single(), Is.EqualTo(("+15550001", "Code 9911")));
    }

    [Test]
    public async Task A_wrongly_keyed_callback_is_unauthorized_and_ignored()
    {
        using var browser = Browser();
        var body = _fake.CreateCallbackBody("one-time-password-request", "s1", new Dictionary<string, string> { ["text"] = "x", ["phoneNumber"] = "+1" }, wrongKey: true);

        using var response = await browser.PostAsync("/identomat/callback", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_sms.Sent, Is.Empty);
    }

    [TestCase(new byte[] { 0x7B, 0x22, 0x63, 0x61, 0x6C, 0x6C, 0x62, 0x61, 0x63, 0x6B, 0x41, 0x70, 0x69, 0x4B, 0x65, 0x79, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D })]
    [TestCase(new byte[] { 0x7B, 0x22, 0x63, 0x61, 0x6C, 0x6C, 0x62, 0x61, 0x63, 0x6B, 0x41, 0x70, 0x69, 0x4B, 0x65, 0x79, 0x22, 0x3A, 0x22, 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30, 0x22, 0x7D })]
    public async Task Forged_callbacks_with_invalid_text_are_bad_requests_not_server_errors(byte[] body)
    {
        using var browser = Browser();

        using var response = await browser.PostAsync("/identomat/callback", new ByteArrayContent(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(_sms.Sent, Is.Empty);
    }

    [Test]
    public async Task A_malformed_callback_is_a_bad_request()
    {
        using var browser = Browser();
        using var response = await browser.PostAsync("/identomat/callback", new StringContent("<xml/>", Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_failing_service_is_a_502_problem()
    {
        using var browser = Browser();
        using (await browser.GetAsync("/verify/user-10"))
        {
        }

        _fake.FailNext(FakeOperation.Result, 10, FakeFault.Status(503));
        using var response = await browser.GetAsync("/verify/user-10/done");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(_fake.CallCount(FakeOperation.Result), Is.EqualTo(4));
    }

    private sealed class RecordingSms : ISmsSender
    {
        public List<(string Phone, string Text)> Sent { get; } = new();

        public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
        {
            Sent.Add((phoneNumber, text));
            return Task.CompletedTask;
        }
    }
}
