using System.Net;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using NUnit.Framework;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ConsumerBrowser.Tests;

// What an integrator writes: their return page (here a tiny listener), the fake's widget in Chromium, a typed result.
public class VerifyInBrowserTests
{
    [Test]
    public async Task A_user_verified_in_the_fake_widget_comes_back_and_the_app_reads_a_typed_result()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        fake.ServeWidget();
        using var client = fake.CreateClient();
        using var returnPage = new HttpListener();
        var port = FreePort();
        returnPage.Prefixes.Add($"http://127.0.0.1:{port}/");
        returnPage.Start();
        var returned = ServeOnce(returnPage);

        var session = await client.BeginSessionAsync(new SessionBuilder()
            .ReturnTo(new Uri($"http://127.0.0.1:{port}/verify/done"))
            .AddLiveness()
            .AddUserQuestionnaire("about_you", "About you", q => q.AddText("occupation", "Occupation", x => x with { Mandatory = true }))
            .Build());

        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
        using var driver = new ChromeDriver(service, options);
        driver.Navigate().GoToUrl(session.WidgetUrl);
        driver.FindElement(By.Name("q.1.occupation")).SendKeys("Engineer");
        driver.FindElement(By.CssSelector("input[name='outcome'][value='approved']")).Click();
        driver.FindElement(By.Id("finish")).Click();

        Assert.That(await returned.WaitAsync(TimeSpan.FromSeconds(20)), Is.EqualTo("/verify/done"));
        VerificationResult result = await client.GetResultAsync(session.Token);
        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That(result.Questionnaires![0].Questions![0].Answer!.Value.GetString(), Is.EqualTo("Engineer"));
        TestContext.Out.WriteLine("browser consumer ok: approved");
    }

    private static async Task<string> ServeOnce(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        var bytes = "<!doctype html><title>Back in the app</title>"u8.ToArray();
        context.Response.ContentType = "text/html";
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
        return context.Request.Url!.AbsolutePath;
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
