using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Identomat.Sdk.Browser.Tests;

/// <summary>
/// One headless Chromium for every test of this assembly (the Debian packages' browser and driver). Without them, the
/// tests are skipped with the command that installs them, except under CI (CI=true), where a missing browser fails the run.
/// </summary>
[SetUpFixture]
public sealed class Chromium
{
    private const string BrowserPath = "/usr/bin/chromium";
    private const string DriverPath = "/usr/bin/chromedriver";
    private const string Install = "apt-get update && apt-get install -y chromium chromium-driver";

    private static ChromeDriver? _driver;

    /// <summary>The browser; the test is skipped (or, under CI, failed) when it is not installed.</summary>
    public static ChromeDriver Driver
    {
        get
        {
            if (_driver is not null)
            {
                return _driver;
            }

            var missing = $"Chromium is not installed ({BrowserPath}, {DriverPath}); install it with: {Install}";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Ignore(missing);
            return null!;
        }
    }

    [OneTimeSetUp]
    public void Start()
    {
        if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
        {
            return;
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1600", "--disable-gpu");
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _driver?.Quit();
        _driver?.Dispose();
        _driver = null;
    }
}
