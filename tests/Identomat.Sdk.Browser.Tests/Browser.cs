using System.Net;
using OpenQA.Selenium;

namespace Identomat.Sdk.Browser.Tests;

/// <summary>Small waits and pages the browser tests share.</summary>
internal static class Browser
{
    /// <summary>
    /// Polls until the condition holds (the page's own scripts run asynchronously), or fails naming it. The default wait
    /// allows for a CI machine running other test processes beside the browser, the sample and the fake.
    /// </summary>
    public static void WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null, IWebDriver? showing = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        WebDriverException? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (condition())
                {
                    return;
                }

                last = null;
            }
            catch (WebDriverException ex)
            {
                // The page is between two documents: ask again (and say so if it never settles).
                last = ex;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"Timed out waiting until {what}." + (last is null ? string.Empty : $" The browser's last answer: {last.Message}")
            + (showing is null ? string.Empty : Showing(showing)));
    }

    /// <summary>
    /// True when the page (or the frame the driver is in) has finished loading: a form found while its document still
    /// loads can be clicked before the browser acts on clicks the way a user's would be acted on.
    /// </summary>
    public static bool Loaded(IWebDriver driver) =>
        ((IJavaScriptExecutor)driver).ExecuteScript("return document.readyState") is "complete";

    /// <summary>Where the driver is and the start of what it shows, for a failure message.</summary>
    public static string Showing(IWebDriver driver)
    {
        try
        {
            // The document's own address: inside a frame, the driver's Url is the top page's.
            var address = ((IJavaScriptExecutor)driver).ExecuteScript("return document.location.href");
            var text = driver.FindElement(By.TagName("body")).Text;
            return $" The browser is at {address}, showing: {(text.Length > 400 ? text[..400] + "…" : text)}";
        }
        catch (WebDriverException ex)
        {
            return $" The browser could not say what it shows: {ex.Message}";
        }
    }

    /// <summary>No dialog (alert, confirm, prompt) is open.</summary>
    public static bool NoDialogOpen(IWebDriver driver)
    {
        try
        {
            driver.SwitchTo().Alert();
            return false;
        }
        catch (NoAlertPresentException)
        {
            return true;
        }
    }

    /// <summary>Saves a screenshot for the README when IDENTOMAT_WRITE_SCREENSHOTS=1 (CI never rewrites tracked files).</summary>
    public static void Screenshot(ITakesScreenshot driver, string fileName)
    {
        if (Environment.GetEnvironmentVariable("IDENTOMAT_WRITE_SCREENSHOTS") != "1" || Environment.GetEnvironmentVariable("CI") == "true")
        {
            return;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Identomat.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        driver.GetScreenshot().SaveAsFile(Path.Combine(directory!.FullName, "docs", fileName));
    }
}

/// <summary>A page on another loopback origin: serves one HTML document to every request.</summary>
internal sealed class OtherOrigin : IDisposable
{
    private readonly HttpListener _listener = new();

    public OtherOrigin(string html)
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Address.AbsoluteUri);
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    var bytes = System.Text.Encoding.UTF8.GetBytes(html);
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });
    }

    public Uri Address { get; } = null!;

    public void Dispose() => _listener.Close();
}
