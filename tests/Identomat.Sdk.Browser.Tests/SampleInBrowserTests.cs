extern alias AspNetCoreSample;

using System.Text.RegularExpressions;
using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenQA.Selenium;
using static Identomat.Sdk.Browser.Tests.Browser;
using ISmsSender = AspNetCoreSample::ISmsSender;
using SampleApp = AspNetCoreSample::Program;

namespace Identomat.Sdk.Browser.Tests;

/// <summary>
/// The ASP.NET Core sample as a developer runs it (Development environment, IdentomatFake:Enabled from its own
/// settings), on Kestrel, in Chromium: sign in, verify through the redirect and the iframe flows, the one-time password
/// sent through the sample's callback endpoint to its SMS sender, and the result the return page reads.
/// </summary>
public sealed partial class SampleInBrowserTests
{
    private WebApplicationFactory<SampleApp> _app = null!;
    private RecordingSms _sms = null!;
    private string _database = null!;
    private Uri _address = null!;

    [SetUp]
    public void StartApp()
    {
        _ = Chromium.Driver;
        _sms = new RecordingSms();
        _database = Path.Combine(Path.GetTempPath(), $"identomat-browser-{Guid.NewGuid():N}.db");
        _app = new WebApplicationFactory<SampleApp>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Verifications", $"Data Source={_database};Pooling=false")
            .UseSetting("Sample:ResultWait", "00:00:05")
            .ConfigureTestServices(services => services.RemoveAll<ISmsSender>().AddSingleton<ISmsSender>(_sms)));
        _app.UseKestrel(0);
        _app.StartServer();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Chromium.Driver.Manage().Cookies.DeleteAllCookies();
    }

    [TearDown]
    public void StopApp()
    {
        _app.Dispose();
        File.Delete(_database);
    }

    /// <summary>The sample's own fake (it owns and disposes it).</summary>
    private IdentomatFakeServer Fake => _app.Services.GetRequiredService<IdentomatFakeServer>();

    private OpenQA.Selenium.Chrome.ChromeDriver SignedIn(string user)
    {
        var driver = Chromium.Driver;
        driver.Navigate().GoToUrl(new Uri(_address, "/login"));
        driver.FindElement(By.Name("userName")).SendKeys(user);
        driver.FindElement(By.CssSelector("form button")).Click();
        WaitUntil(() => driver.PageSource.Contains("Signed in as", StringComparison.Ordinal), "signed in");
        return driver;
    }

    /// <summary>The phone step: the code reaches the sample's SMS sender through its callback endpoint; a wrong code is refused.</summary>
    private void VerifyPhone(IWebDriver driver)
    {
        WaitUntil(() => driver.FindElements(By.Id("phone-address")).Count == 1 && Loaded(driver), "the phone form", showing: driver);
        driver.FindElement(By.Id("phone-address")).SendKeys("+995512345678");
        driver.FindElement(By.Id("phone-send")).Click();
        WaitUntil(() => driver.FindElements(By.Id("phone-code")).Count == 1 && Loaded(driver), "the code form", showing: driver);
        WaitUntil(() => _sms.Messages.Count > 0, "the code texted (the inbox's processor sends it in the background)");
        var sent = _sms.Messages.Single();
        Assert.That(sent.PhoneNumber, Is.EqualTo("+995512345678"));
        var code = Digits().Match(sent.Text).Value;

        driver.FindElement(By.Id("phone-code")).SendKeys(code == "0000" ? "0001" : "0000");
        driver.FindElement(By.Id("phone-verify")).Click();
        WaitUntil(
            () => driver.PageSource.Contains("That is not the code that was sent.", StringComparison.Ordinal) && Loaded(driver), "a wrong code refused", showing: driver);
        driver.FindElement(By.Id("phone-code")).SendKeys(code);
        driver.FindElement(By.Id("phone-verify")).Click();
        WaitUntil(() => driver.FindElements(By.Id("phone-verified")).Count == 1 && Loaded(driver), "the phone verified", showing: driver);
    }

    private static void Finish(IWebDriver driver, string outcome)
    {
        driver.FindElement(By.CssSelector($"input[name='outcome'][value='{outcome}']")).Click();
        driver.FindElement(By.Id("finish")).Click();
    }

    private void WaitForReturnPage(IWebDriver driver, string status)
    {
        WaitUntil(
            () => driver.Url.StartsWith(new Uri(_address, "/verify/done").AbsoluteUri, StringComparison.Ordinal)
                && driver.PageSource.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal),
            $"the return page shows {status}");
    }

    [TestCase("approved")]
    [TestCase("rejected")]
    [TestCase("manual_check")]
    public void The_redirect_flow_ends_on_the_return_page_with_the_outcome_picked_in_the_widget(string outcome)
    {
        var driver = SignedIn("alice");
        driver.FindElement(By.CssSelector("form[action='/verify'] button")).Click();
        WaitUntil(() => driver.Url.StartsWith(Fake.WidgetBaseAddress.AbsoluteUri, StringComparison.Ordinal), "the widget opens");

        VerifyPhone(driver);
        Finish(driver, outcome);

        WaitForReturnPage(driver, outcome);
        Assert.That(_sms.Messages, Has.Count.EqualTo(1), "one SMS for one code");
    }

    [Test]
    public void The_iframe_flow_ends_when_the_widget_posts_DONE_and_a_DONE_from_another_origin_is_ignored()
    {
        var driver = SignedIn("bob");
        driver.FindElement(By.CssSelector("form[action='/verify/iframe'] button")).Click();
        WaitUntil(() => driver.FindElements(By.TagName("iframe")).Count == 1, "the embedded widget");
        var embedding = driver.Url;

        using (var other = new OtherOrigin("<!doctype html><script>parent.postMessage(\"DONE\", \"*\");</script>"))
        {
            driver.ExecuteScript("var f = document.createElement('iframe'); f.src = arguments[0]; document.body.appendChild(f);", other.Address.AbsoluteUri);
            Thread.Sleep(1500);
            Assert.That(driver.Url, Is.EqualTo(embedding), "a DONE from another origin does not end the flow");
        }

        driver.SwitchTo().Frame(driver.FindElement(By.TagName("iframe")));
        VerifyPhone(driver);
        Finish(driver, "approved");
        driver.SwitchTo().DefaultContent();

        WaitForReturnPage(driver, "approved");
    }

    [Test]
    public void A_user_still_in_progress_gets_the_in_progress_answer_and_an_expired_token_the_fakes_page()
    {
        var driver = SignedIn("carol");
        driver.FindElement(By.CssSelector("form[action='/verify'] button")).Click();
        WaitUntil(() => driver.Url.StartsWith(Fake.WidgetBaseAddress.AbsoluteUri, StringComparison.Ordinal), "the widget opens");
        var widget = driver.Url;

        VerifyPhone(driver);
        Finish(driver, "in_progress");
        WaitUntil(() => driver.Url.StartsWith(new Uri(_address, "/verify/done").AbsoluteUri, StringComparison.Ordinal), "back on the return page");
        WaitUntil(() => driver.PageSource.Contains("\"stage\":\"InProgress\"", StringComparison.Ordinal), "the in-progress answer");

        driver.FindElement(By.TagName("body"));
        var token = new Uri(widget).Query.Split('=')[1];
        Fake.ExpireSession(token);
        driver.Navigate().GoToUrl(widget);
        Assert.That(driver.FindElement(By.TagName("h1")).Text, Is.EqualTo("FAKE Identomat: Already finished").Or.EqualTo("FAKE Identomat: Session expired"));
    }

    [GeneratedRegex("[0-9]{4}")]
    private static partial Regex Digits();

    private sealed class RecordingSms : ISmsSender
    {
        private readonly List<(string PhoneNumber, string Text)> _messages = [];

        public IReadOnlyList<(string PhoneNumber, string Text)> Messages
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToArray();
                }
            }
        }

        public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
        {
            lock (_messages)
            {
                _messages.Add((phoneNumber, text));
            }

            return Task.CompletedTask;
        }
    }
}
