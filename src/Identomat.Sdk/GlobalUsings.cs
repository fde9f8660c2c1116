// The namespaces nearly every file of the SDK reads, once (the .NET SDK's implicit usings add System, System.IO,
// System.Linq, System.Collections.Generic, System.Net.Http, System.Threading and System.Threading.Tasks).
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Serialization;
global using Identomat.Sdk;
global using Identomat.Sdk.Callbacks;
global using Identomat.Sdk.Http;
global using Identomat.Sdk.Internal;
global using Identomat.Sdk.Media;
global using Identomat.Sdk.Serialization;
