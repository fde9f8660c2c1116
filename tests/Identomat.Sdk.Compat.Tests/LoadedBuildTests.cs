using System.Runtime.Versioning;
using Identomat.Sdk;

namespace Identomat.Sdk.Compat.Tests;

public class LoadedBuildTests
{
    [Test]
    public void The_expected_build_of_the_library_is_loaded()
    {
#if NET10_0
        const string expected = ".NETStandard,Version=v2.0";
#else
        const string expected = ".NETCoreApp,Version=v8.0";
#endif
        var framework = typeof(SessionRequest).Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false).Cast<TargetFrameworkAttribute>().Single();
        Assert.That(framework.FrameworkName, Is.EqualTo(expected));
    }
}
