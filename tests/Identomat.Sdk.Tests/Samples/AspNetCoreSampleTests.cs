extern alias AspNetCoreSample;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ISmsSender = AspNetCoreSample::ISmsSender;
using SampleApp = AspNetCoreSample::Program;

namespace Identomat.Sdk.Tests.Samples;

/// <summary>
/// The ASP.NET Core sample, in process, against the fake server: safe to copy into a bank. The user comes from the
/// sign-in cookie, never from the URL; a GET never starts a session; every browser POST needs its antiforgery token;
/// one user can neither start nor read another's verification.
/// </summary>
public sealed partial class AspNetCoreSampleTests
{
    private IdentomatFakeServer _fake = null!;
    private RecordingSms _sms = null!;
    private WebApplicationFactory<SampleApp> _app = null!;
    private string _database = null!;

    [SetUp]
    public void StartApp()
    {
        _fake = IdentomatFakeServer.StartInProcess();
        _sms = new RecordingSms();

        // The app's own AddIdentomat registration, with the in-process fake plugged in: one line, no socket.
        _database = Path.Combine(Path.GetTempPath(), $"identomat-sample-{Guid.NewGuid():N}.db");
        _app = new WebApplicationFactory<SampleApp>().WithWebHostBuilder(web => web
            .UseSetting("Sample:ResultWait", "00:00:00.300")
            .UseSetting("IdentomatFake:Enabled", "false")
            .UseSetting("ConnectionStrings:Verifications", $"Data Source={_database};Pooling=false")
            .UseSetting("IdentomatLifecycle:RetryDelay", "00:00:00.100")
            .ConfigureTestServices(services => services
                .UseIdentomatFake(_fake)
                .Replace(ServiceDescriptor.Singleton<ISmsSender>(_sms))));
    }

    [TearDown]
    public void StopApp()
    {
        _app.Dispose();
        _fake.Dispose();
        File.Delete(_database);
    }

    /// <summary>A browser: keeps its cookies, follows no redirect.</summary>
    private HttpClient Browser() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> AntiforgeryTokenFrom(HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        return WebUtility.HtmlDecode(HiddenToken().Match(html).Groups[1].Value);
    }

    private static async Task<HttpClient> SignedIn(Func<HttpClient> browser, string user)
    {
        var client = browser();
        var token = await AntiforgeryTokenFrom(client, "/login");
        using var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = user, ["__RequestVerificationToken"] = token }));
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
        return client;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient browser, string path)
    {
        var token = await AntiforgeryTokenFrom(browser, "/");
        return await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    [Test]
    public async Task Starting_verification_redirects_the_signed_in_user_to_the_widget()
    {
        using var browser = await SignedIn(Browser, "user-7");

        using var response = await Post(browser, "/verify");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var token = _fake.SessionTokens.Single();
        Assert.That(response.Headers.Location, Is.EqualTo(new Uri(_fake.WidgetBaseAddress + "?session_token=" + token)));
        var request = _fake.RequestOf(token);
        Assert.That(request.ClientUserId, Is.EqualTo("user-7"), "the user is the one signed in");
        Assert.That(request.Flags!.ReturnUrl!.ToString(), Is.EqualTo("http://localhost/verify/done"), "no user id in the return URL");
    }

    [Test]
    public async Task The_return_url_reads_the_typed_result_of_the_signed_in_user()
    {
        using var browser = await SignedIn(Browser, "user-8");
        using (await Post(browser, "/verify"))
        {
        }

        _fake.CompleteSession(_fake.SessionTokens.Single(), FakeResults.Approved());
        var outcome = await browser.GetFromJsonAsync<Dictionary<string, object?>>("/verify/done");

        Assert.That(outcome!["status"]?.ToString(), Is.EqualTo("approved"));
        Assert.That(outcome["stage"]?.ToString(), Is.EqualTo("Final"));
        Assert.That(outcome["documentType"]?.ToString(), Is.EqualTo("id"));
    }

    [Test]
    public async Task A_user_still_in_the_flow_gets_202_still_in_progress_not_an_error()
    {
        using var browser = await SignedIn(Browser, "user-11");
        using (await Post(browser, "/verify"))
        {
        }

        using var response = await browser.GetAsync("/verify/done");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await response.Content.ReadFromJsonAsync<Dictionary<string, object?>>())!["stage"]?.ToString(), Is.EqualTo("InProgress"));
    }

    [Test]
    public async Task One_user_can_neither_start_nor_read_anothers_verification()
    {
        using var alice = await SignedIn(Browser, "alice");
        using var bob = await SignedIn(Browser, "bob");
        using (await Post(alice, "/verify"))
        {
        }

        _fake.CompleteSession(_fake.SessionTokens.Single(), FakeResults.Approved("ALICE", "A"));

        using var bobsRead = await bob.GetAsync("/verify/done");
        Assert.That(bobsRead.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "bob has no verification, and cannot name alice's");
        using (await Post(bob, "/verify"))
        {
        }

        Assert.That(_fake.ReceivedSessions.Select(r => r.ClientUserId), Is.EqualTo(new[] { "alice", "bob" }), "bob's start is bob's");
        using var bobsOwn = await bob.GetAsync("/verify/done");
        Assert.That(bobsOwn.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "bob reads his own, still in progress; alice's stays approved");
        Assert.That((await alice.GetFromJsonAsync<Dictionary<string, object?>>("/verify/done"))!["status"]?.ToString(), Is.EqualTo("approved"));
    }

    [TestCase("/verify")]
    [TestCase("/verify/iframe")]
    [TestCase("/verify/done")]
    [TestCase("/verify/alice")]
    [TestCase("/verify/alice/done")]
    public async Task A_GET_never_creates_a_session(string path)
    {
        using var browser = await SignedIn(Browser, "alice");

        using (await browser.GetAsync(path))
        {
        }

        Assert.That(_fake.CallCount(FakeOperation.Begin), Is.Zero);
    }

    [TestCase("/verify")]
    [TestCase("/verify/iframe")]
    public async Task A_cross_site_post_without_the_antiforgery_token_is_refused(string path)
    {
        using var browser = await SignedIn(Browser, "alice");

        // What another site's form can send with the victim's cookie: no token, or a made-up one.
        using var none = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var forged = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" }));

        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(_fake.CallCount(FakeOperation.Begin), Is.Zero);
    }

    [Test]
    public async Task Nobody_signed_in_starts_nothing()
    {
        using var browser = Browser();
        var token = await AntiforgeryTokenFrom(browser, "/login");

        using var response = await browser.PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Redirect, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location?.ToString() ?? string.Empty, Does.Not.Contain("session_token"));
        Assert.That(_fake.CallCount(FakeOperation.Begin), Is.Zero);
    }

    [Test]
    public async Task The_iframe_variant_embeds_the_widget_with_camera_access()
    {
        using var browser = await SignedIn(Browser, "user-9");

        using var response = await Post(browser, "/verify/iframe");
        var html = await response.Content.ReadAsStringAsync();

        var token = _fake.SessionTokens.Single();
        Assert.That(html, Does.Contain($"<iframe src=\"{_fake.WidgetBaseAddress}?session_token={token}\" allow=\"camera; microphone\""));
        Assert.That(html, Does.Contain("e.data === \"DONE\"").And.Contain("/verify/done"));
        var origin = new Uri(_fake.WidgetBaseAddress.ToString()).GetLeftPart(UriPartial.Authority);
        Assert.That(html, Does.Contain($"if (e.origin !== \"{System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(origin)}\") {{ return; }}"), "messages from other origins are ignored");
        Assert.That(_fake.RequestOf(token).Flags, Is.Null, "no return_url: the session is embedded");
    }

    [Test]
    public async Task A_keyed_one_time_password_callback_is_handled_once_however_often_it_arrives()
    {
        using var browser = await SignedIn(Browser, "user-12");
        using (await Post(browser, "/verify"))
        {
        }

        var body = _fake.CreateCallbackBody("one-time-password-request", _fake.SessionTokens.Single(), new Dictionary<string, string> { ["text"] = "Code 9911", ["phoneNumber"] = "+15550001" });

        for (var i = 0; i < 3; i++)
        {
            using var response = await browser.PostAsync("/identomat/callback", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Stored once, answered 200 once durable, and texted by the inbox's processor in the background.
        await SentAsync(1);
        Assert.That(_sms.Sent.Single(), Is.EqualTo(("+15550001", "Code 9911")));
    }

    [Test]
    public async Task A_failing_sms_gateway_does_not_fail_the_callback_and_the_text_goes_out_on_a_retry()
    {
        using var browser = await SignedIn(Browser, "user-13");
        using (await Post(browser, "/verify"))
        {
        }

        _sms.FailNext = 1;
        var body = _fake.CreateCallbackBody("one-time-password-request", _fake.SessionTokens.Single(), new Dictionary<string, string> { ["text"] = "Code 1234", ["phoneNumber"] = "+15550002" });

        using var response = await browser.PostAsync("/identomat/callback", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the callback is stored: the gateway's failure is the inbox's to retry");
        await SentAsync(1);
        Assert.That(_sms.Sent.Single(), Is.EqualTo(("+15550002", "Code 1234")));
        Assert.That(_sms.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_keyed_callback_about_a_session_this_app_never_started_texts_nobody()
    {
        using var browser = Browser();
        var body = _fake.CreateCallbackBody("one-time-password-request", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", new Dictionary<string, string> { ["text"] = "Code 5555", ["phoneNumber"] = "+15550003" });

        using var response = await browser.PostAsync("/identomat/callback", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "authenticated and stored");
        var inbox = _app.Services.GetRequiredService<Identomat.Sdk.Lifecycle.IIdentomatInbox>();
        for (var waited = 0; (await inbox.CountAsync()).Pending > 0 && waited < 10_000; waited += 20)
        {
            await Task.Delay(20);
        }

        Assert.That(await inbox.CountAsync(), Is.EqualTo((0, 0)), "handled");
        Assert.That(_sms.Sent, Is.Empty, "a callback key is a bearer key: texts go only to sessions this app started");
    }

    [Test]
    public async Task The_health_endpoint_reports_the_lifecycle()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    /// <summary>Waits (at most 10 s) until the processor sent <paramref name="count"/> texts, then a moment more for a stray second one.</summary>
    private async Task SentAsync(int count)
    {
        for (var waited = 0; _sms.Sent.Count < count && waited < 10_000; waited += 20)
        {
            await Task.Delay(20);
        }

        await Task.Delay(300);
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

    [Test]
    public async Task An_oversized_callback_is_413()
    {
        using var browser = Browser();

        using var response = await browser.PostAsync("/identomat/callback", new ByteArrayContent(new byte[IdentomatCallbackParser.MaxBodyBytes + 1]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
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
    public async Task A_failing_service_is_a_503_to_try_again()
    {
        using var browser = await SignedIn(Browser, "user-10");
        using (await Post(browser, "/verify"))
        {
        }

        _fake.FailNext(FakeOperation.Result, 10, FakeFault.Status(503), _fake.SessionTokens.Single());
        using var response = await browser.GetAsync("/verify/done");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_fake.CallCount(FakeOperation.Result), Is.EqualTo(4));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();

    private sealed class RecordingSms : ISmsSender
    {
        private int _attempts;

        public System.Collections.Concurrent.ConcurrentQueue<(string Phone, string Text)> Sent { get; } = new();

        /// <summary>How many sends fail before the gateway works.</summary>
        public int FailNext { get; set; }

        public int Attempts => Volatile.Read(ref _attempts);

        public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= FailNext)
            {
                throw new HttpRequestException("The SMS gateway is down.");
            }

            Sent.Enqueue((phoneNumber, text));
            return Task.CompletedTask;
        }
    }
}
