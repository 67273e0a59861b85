using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Latchkey.Tests.Data;

/// <summary>
/// The PostgreSQL connection gets statement preparation and no DISCARD ALL on return to the pool unless the string
/// says otherwise (docs/deploy.md); the figures are bench/signin-overhead.sh's.
/// </summary>
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void PlainString_GetsAutoPrepareAndNoReset_KeepsTheRest()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db.example;Database=latchkey;Username=latchkey;Password=secret"));

        applied.MaxAutoPrepare.ShouldBe(PostgresConnectionDefaults.MaxAutoPrepare);
        applied.NoResetOnClose.ShouldBeTrue();
        applied.Host.ShouldBe("db.example");
        applied.Database.ShouldBe("latchkey");
        applied.Username.ShouldBe("latchkey");
        applied.Password.ShouldBe("secret");
    }

    [Theory]
    [InlineData("Host=db.example;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db.example;maxautoprepare=0;NORESETONCLOSE=false")]
    public void StringNamesThem_ItsOwnValuesKept(string connectionString)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        applied.MaxAutoPrepare.ShouldBe(0);
        applied.NoResetOnClose.ShouldBeFalse();
    }

    [Fact]
    public void PostgresStore_ContextConnectsWithTheDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Latchkey:Database:Provider"] = "postgres",
            ["ConnectionStrings:Latchkey"] = "Host=db.example;Database=latchkey;Username=latchkey",
        }).Build();
        using var provider = new ServiceCollection()
            .Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.SectionName))
            .BuildServiceProvider();
        var options = new DbContextOptionsBuilder<LatchkeyDbContext>();

        DataServices.ConfigureStore(provider, configuration, options);

        var used = options.Options.Extensions.OfType<RelationalOptionsExtension>().Single().ConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(used);
        builder.MaxAutoPrepare.ShouldBe(PostgresConnectionDefaults.MaxAutoPrepare);
        builder.NoResetOnClose.ShouldBeTrue();
        provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ParsedProvider.ShouldBe(DatabaseProvider.Postgres);
    }
}
