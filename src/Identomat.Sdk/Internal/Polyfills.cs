#if NETSTANDARD2_0
// Compiler support types that netstandard2.0 lacks; internal, so they never clash with a consumer's.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
    {
        public string ParameterName { get; } = parameterName;
    }
}

namespace System
{
    internal static class ArgumentNullExceptionPolyfill
    {
        extension(ArgumentNullException)
        {
            /// <summary>.NET 6's <c>ArgumentNullException.ThrowIfNull</c>, which netstandard2.0 lacks.</summary>
            public static void ThrowIfNull(
                [Diagnostics.CodeAnalysis.NotNull] object? argument,
                [Runtime.CompilerServices.CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                if (argument is null)
                {
                    throw new ArgumentNullException(paramName);
                }
            }
        }
    }
}

namespace System.Net.Http
{
    internal static class HttpContentPolyfills
    {
        /// <summary>netstandard2.0's <c>ReadAsStreamAsync</c> takes no token: the SDK's timeouts bound the read instead.</summary>
        public static Threading.Tasks.Task<IO.Stream> ReadAsStreamAsync(this HttpContent content, Threading.CancellationToken cancellationToken) =>
            content.ReadAsStreamAsync();
    }
}

namespace System.Diagnostics.CodeAnalysis
{
    // The trimmer reads these by name: netstandard2.0's build carries them for the annotated open value converters.
    [AttributeUsage(AttributeTargets.GenericParameter | AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property)]
    internal sealed class DynamicallyAccessedMembersAttribute(DynamicallyAccessedMemberTypes memberTypes) : Attribute
    {
        public DynamicallyAccessedMemberTypes MemberTypes { get; } = memberTypes;
    }

    [Flags]
    internal enum DynamicallyAccessedMemberTypes
    {
        PublicProperties = 0x0200,
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    internal sealed class NotNullAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    internal sealed class NotNullWhenAttribute : Attribute
    {
        public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

        public bool ReturnValue { get; }
    }
}
#endif
