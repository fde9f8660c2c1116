using System.Xml.Linq;

namespace Identomat.Sdk.Tests.Docs;

/// <summary>Each numeric setting's documented range is the range <see cref="IdentomatClientOptions.Validate"/> checks.</summary>
public class SettingRangeDocTests
{
    private static IEnumerable<TestCaseData> Ranges() =>
        IdentomatClientOptions.Ranges.Select(r => new TestCaseData(r.Name, r.Text).SetArgDisplayNames(r.Name));

    [Test]
    public void Every_numeric_setting_has_a_range() =>
        Assert.That(
            IdentomatClientOptions.Ranges.Select(r => r.Name),
            Is.EquivalentTo(typeof(IdentomatClientOptions).GetProperties().Where(p => p.PropertyType == typeof(TimeSpan) || p.PropertyType == typeof(int) || p.PropertyType == typeof(long)).Select(p => p.Name)));

    [TestCaseSource(nameof(Ranges))]
    public void The_documentation_states_the_range_validation_checks(string setting, string range)
    {
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Identomat.Sdk.xml"));
        var value = docs.Descendants("member").Single(m => (string?)m.Attribute("name") == "P:Identomat.Sdk.IdentomatClientOptions." + setting).Element("value");

        Assert.That(string.Join(" ", value!.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), Does.Contain("Range: " + range));
    }

    [TestCaseSource(nameof(Ranges))]
    public void Validation_names_the_documented_range(string setting, string range)
    {
        var options = new IdentomatClientOptions { CompanyKey = "ck" };
        var property = typeof(IdentomatClientOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan) ? TimeSpan.FromDays(-1) : Convert.ChangeType(-1, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(options.Validate(), Has.Some.StartsWith($"{setting} must be from {range}; it is "));
    }
}
