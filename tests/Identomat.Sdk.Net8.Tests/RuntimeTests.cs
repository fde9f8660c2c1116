using Microsoft.Extensions.Configuration.Json;

namespace Identomat.Sdk.Net8.Tests;

/// <summary>The run is on .NET 8 and its configuration stack, or every other test here proves nothing.</summary>
public class RuntimeTests
{
    [Test]
    public void The_tests_run_on_the_dotNET_8_runtime_with_its_own_configuration_assemblies()
    {
        Assert.That(Environment.Version.Major, Is.EqualTo(8), "a run that rolled forward to a newer runtime");
        Assert.That(typeof(JsonConfigurationProvider).Assembly.GetName().Version!.Major, Is.EqualTo(8), "the JSON configuration provider of .NET 8");
        Assert.That(typeof(IdentomatClient).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName, Is.EqualTo(".NETCoreApp,Version=v8.0"), "the SDK's net8.0 build");
    }
}
