#include "sim/sweep/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>

namespace ccsim {

namespace {

constexpr char kMagic[] = "ccsim-journal-1\n";  // 16 bytes without the terminator
constexpr std::size_t kMagicBytes = 16;
constexpr std::uint32_t kTag = 0x524a4343;  // "CCJR" in little-endian memory
constexpr std::uint32_t kHeader = 1, kPoint = 2;
constexpr std::size_t kHeadBytes = 16, kCrcBytes = 4;
static_assert(sizeof kMagic == kMagicBytes + 1);

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::uint32_t record_crc(std::uint32_t kind, std::uint64_t n, const char* payload) {
  uLong c = crc32(0L, Z_NULL, 0);
  c = crc32(c, reinterpret_cast<const Bytef*>(&kind), sizeof kind);
  c = crc32(c, reinterpret_cast<const Bytef*>(&n), sizeof n);
  // zlib takes a uInt length: feed large payloads in pieces.
  for (std::uint64_t done = 0; done < n;) {
    const uInt step = static_cast<uInt>(std::min<std::uint64_t>(n - done, 1u << 30));
    c = crc32(c, reinterpret_cast<const Bytef*>(payload + done), step);
    done += step;
  }
  return static_cast<std::uint32_t>(c);
}

// --- writing ---

template <class T>
void put(std::string& b, T v) {
  b.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_string(std::string& b, const std::string& s) {
  put<std::uint64_t>(b, s.size());
  b += s;
}

void put_column(std::string& b, const h5::Column& c) {
  put_string(b, c.name);
  put<std::uint8_t>(b, static_cast<std::uint8_t>(c.data.index()));
  std::visit(
      [&](const auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (std::is_same_v<T, std::string>) {
          for (const std::string& s : v) put_string(b, s);
        } else {
          b.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
        }
      },
      c.data);
}

// --- reading: every length is checked against what is left, so no input can make a read
// run past the record or allocate more than the record holds ---

struct Reader {
  const char* p;
  const char* end;
  bool ok = true;

  std::size_t left() const { return static_cast<std::size_t>(end - p); }
  template <class T>
  T get() {
    T v{};
    if (!ok || left() < sizeof v) {
      ok = false;
      return v;
    }
    std::memcpy(&v, p, sizeof v);
    p += sizeof v;
    return v;
  }
  std::string get_string() {
    const auto n = get<std::uint64_t>();
    if (!ok || n > left()) {
      ok = false;
      return {};
    }
    std::string s(p, static_cast<std::size_t>(n));
    p += n;
    return s;
  }
};

template <class T>
bool get_values(Reader& r, std::uint64_t rows, std::vector<T>& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (rows > r.left() / sizeof(std::uint64_t)) return false;  // each string takes >= 8 bytes
    out.reserve(static_cast<std::size_t>(rows));
    for (std::uint64_t k = 0; k < rows && r.ok; ++k) out.push_back(r.get_string());
    return r.ok;
  } else {
    if (rows > r.left() / sizeof(T)) return false;
    out.resize(static_cast<std::size_t>(rows));
    std::memcpy(out.data(), r.p, out.size() * sizeof(T));
    r.p += out.size() * sizeof(T);
    return true;
  }
}

// Parses a point record; "" when it is sound, else why not.
std::string parse_point(Reader& r, std::uint64_t& point, PointTables& out) {
  point = r.get<std::uint64_t>();
  const auto tables = r.get<std::uint32_t>();
  if (!r.ok) return "a point record too short for its own header";
  for (std::uint32_t t = 0; t < tables; ++t) {
    std::string name = r.get_string();
    const auto rows = r.get<std::uint64_t>();
    const auto columns = r.get<std::uint32_t>();
    if (!r.ok || name.empty()) return "a damaged table header";
    h5::TableData data;
    for (std::uint32_t c = 0; c < columns; ++c) {
      h5::Column col;
      col.name = r.get_string();
      const auto type = r.get<std::uint8_t>();
      if (!r.ok || col.name.empty()) return "a damaged column header in table " + name;
      bool ok = false;
      switch (type) {
        case 0:
          ok = get_values(r, rows, col.data.emplace<0>());
          break;
        case 1:
          ok = get_values(r, rows, col.data.emplace<1>());
          break;
        case 2:
          ok = get_values(r, rows, col.data.emplace<2>());
          break;
        case 3:
          ok = get_values(r, rows, col.data.emplace<3>());
          break;
        case 4:
          ok = get_values(r, rows, col.data.emplace<4>());
          break;
        default:
          return "an unknown column type in table " + name;
      }
      if (!ok) return "column " + col.name + " of table " + name + " runs past its record";
      if (col.name == "point") {
        const auto* keys = std::get_if<std::vector<std::int32_t>>(&col.data);
        if (!keys) return "table " + name + " has a point column of the wrong type";
        for (std::int32_t k : *keys)
          if (static_cast<std::uint64_t>(k) != point) return "table " + name + " holds rows of another point";
      }
      data.columns.push_back(std::move(col));
    }
    out.tables.emplace_back(std::move(name), std::move(data));
  }
  if (r.left() != 0) return "bytes left over after the point's tables";
  return {};
}

class File {
 public:
  explicit File(const std::string& path) : f_(std::fopen(path.c_str(), "rb")) {
    if (!f_) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  }
  ~File() { std::fclose(f_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  std::uint64_t size() const {
    struct stat st {};
    return ::fstat(::fileno(f_), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  }
  bool read(void* into, std::size_t n) { return std::fread(into, 1, n, f_) == n; }

 private:
  std::FILE* f_;
};

// One record at the file's current position; "" when intact, else why not.
std::string read_record(File& f, std::uint64_t pos, std::uint64_t size, std::uint32_t& kind,
                        std::vector<char>& payload) {
  if (size - pos < kHeadBytes + kCrcBytes) return "a record cut short";
  char head[kHeadBytes];
  if (!f.read(head, sizeof head)) return "a read error";
  std::uint32_t tag;
  std::uint64_t n;
  std::memcpy(&tag, head, 4);
  std::memcpy(&kind, head + 4, 4);
  std::memcpy(&n, head + 8, 8);
  if (tag != kTag) return "a damaged record marker";
  if (n > size - pos - kHeadBytes - kCrcBytes) return "a record cut short (or a damaged length)";
  payload.resize(static_cast<std::size_t>(n));
  std::uint32_t crc;
  if (!f.read(payload.data(), payload.size()) || !f.read(&crc, sizeof crc)) return "a read error";
  if (crc != record_crc(kind, n, payload.data())) return "a record whose checksum does not match its content";
  return {};
}

}  // namespace

void PointTables::append(const std::string& name, const h5::TableData& rows) {
  for (auto& [n, t] : tables)
    if (n == name) {
      t.extend(rows);
      return;
    }
  tables.emplace_back(name, rows);
}

const h5::TableData* PointTables::find(const std::string& name) const {
  for (const auto& [n, t] : tables)
    if (n == name) return &t;
  return nullptr;
}

std::string JournalHeader::get(const std::string& key) const {
  for (const auto& [k, v] : fields)
    if (k == key) return v;
  return {};
}

JournalScan scan_journal(const std::string& path, const std::function<void(std::uint64_t, const PointTables&)>& each,
                         std::uint64_t max_points) {
  File f(path);
  JournalScan scan;
  scan.size = f.size();
  char magic[kMagicBytes];
  if (scan.size < kMagicBytes || !f.read(magic, sizeof magic) || std::memcmp(magic, kMagic, kMagicBytes) != 0)
    throw JournalError("not a ccsim sweep journal (it does not start as one)");
  std::vector<char> payload;
  std::uint32_t kind = 0;
  std::uint64_t pos = kMagicBytes;
  if (std::string why = read_record(f, pos, scan.size, kind, payload); !why.empty())
    throw JournalError("its header is damaged (" + why + ")");
  if (kind != kHeader) throw JournalError("its header is damaged (the first record is not a header)");
  Reader r{payload.data(), payload.data() + payload.size()};
  const auto count = r.get<std::uint32_t>();
  for (std::uint32_t k = 0; k < count && r.ok; ++k) {
    std::string key = r.get_string(), value = r.get_string();
    scan.header.fields.emplace_back(std::move(key), std::move(value));
  }
  if (!r.ok || r.left() != 0) throw JournalError("its header is damaged (its fields do not parse)");
  pos += kHeadBytes + payload.size() + kCrcBytes;
  scan.valid_end = pos;

  while (pos < scan.size && scan.points < max_points) {
    std::string why = read_record(f, pos, scan.size, kind, payload);
    std::uint64_t point = 0;
    PointTables tables;
    if (why.empty() && kind != kPoint) why = "a record of unknown kind";
    if (why.empty()) {
      Reader pr{payload.data(), payload.data() + payload.size()};
      why = parse_point(pr, point, tables);
    }
    if (why.empty() && point != scan.points)
      why = "a record of point " + std::to_string(point) + " where point " + std::to_string(scan.points) +
            " was expected";
    if (!why.empty()) {
      scan.damage = why + " at byte " + std::to_string(pos);
      break;
    }
    if (each) each(point, tables);
    ++scan.points;
    pos += kHeadBytes + payload.size() + kCrcBytes;
    scan.valid_end = pos;
  }
  if (scan.damage.empty() && scan.valid_end < scan.size)
    scan.damage =
        (scan.points ? "more bytes after point " + std::to_string(scan.points - 1) + ", the last one expected,"
                     : std::string("more bytes after the header")) +
        " at byte " + std::to_string(scan.valid_end);
  return scan;
}

JournalWriter::JournalWriter(const std::string& path, const JournalHeader& header) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  buffer_.assign(kMagic, kMagicBytes);
  if (::write(fd_, buffer_.data(), buffer_.size()) != static_cast<ssize_t>(buffer_.size()))
    throw std::runtime_error("writing " + path + ": " + std::strerror(errno));
  std::string p;
  put<std::uint32_t>(p, static_cast<std::uint32_t>(header.fields.size()));
  for (const auto& [k, v] : header.fields) {
    put_string(p, k);
    put_string(p, v);
  }
  write_record(kHeader, p);
  sync();
}

JournalWriter::JournalWriter(const std::string& path, const JournalScan& scan) : path_(path), next_point_(scan.points) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  if (::ftruncate(fd_, static_cast<off_t>(scan.valid_end)) != 0 ||
      ::lseek(fd_, static_cast<off_t>(scan.valid_end), SEEK_SET) < 0)
    throw std::runtime_error("cannot cut the damaged tail of " + path + ": " + std::strerror(errno));
  last_sync_ns_ = now_ns();
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
  }
}

void JournalWriter::write_record(std::uint32_t kind, const std::string& payload) {
  std::string& b = buffer_;
  b.clear();
  const std::uint64_t n = payload.size();
  put<std::uint32_t>(b, kTag);
  put<std::uint32_t>(b, kind);
  put<std::uint64_t>(b, n);
  b += payload;
  put<std::uint32_t>(b, record_crc(kind, n, payload.data()));
  for (std::size_t done = 0; done < b.size();) {
    const ssize_t w = ::write(fd_, b.data() + done, b.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw std::runtime_error("writing " + path_ + ": " + std::strerror(w < 0 ? errno : ENOSPC));
    done += static_cast<std::size_t>(w);
  }
  if (now_ns() - last_sync_ns_ >= 1'000'000'000) sync();
}

void JournalWriter::write_point(std::uint64_t point, const PointTables& tables) {
  if (point != next_point_)
    throw std::logic_error("journal: point " + std::to_string(point) + " written where " + std::to_string(next_point_) +
                           " was next");
  std::string p;
  put<std::uint64_t>(p, point);
  put<std::uint32_t>(p, static_cast<std::uint32_t>(tables.tables.size()));
  for (const auto& [name, data] : tables.tables) {
    put_string(p, name);
    put<std::uint64_t>(p, data.rows());
    put<std::uint32_t>(p, static_cast<std::uint32_t>(data.columns.size()));
    for (const h5::Column& c : data.columns) put_column(p, c);
  }
  write_record(kPoint, p);
  ++next_point_;
}

void JournalWriter::sync() {
  if (::fdatasync(fd_) != 0) throw std::runtime_error("writing " + path_ + ": " + std::strerror(errno));
  last_sync_ns_ = now_ns();
}

}  // namespace ccsim
