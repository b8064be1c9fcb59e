// CBox2D: the C functions declared in include/CBox2D.h, implemented over Box2D 2.4 (C++).
//
// Handles are Box2D's own objects behind opaque C names: a `cb2_body *` is a `b2Body *`, a
// `cb2_fixture *` a `b2Fixture *`, a `cb2_joint *` a `b2Joint *`. Only `cb2_world` is a type
// of ours, bundling the `b2World` with its contact listener and event buffer. Tags live in
// Box2D's `userData.pointer` fields.

#include "CBox2D.h"

#include <box2d/box2d.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

static_assert(CB2_MAX_POLYGON_VERTICES == b2_maxPolygonVertices,
              "CB2_MAX_POLYGON_VERTICES must match the installed Box2D");
static_assert(sizeof(intptr_t) == sizeof(uintptr_t), "tags are stored in uintptr_t fields");

namespace {

// MARK: - Conversions

b2Body *unwrap(cb2_body *body) { return reinterpret_cast<b2Body *>(body); }
b2Body *unwrap(const cb2_body *body) {
  // Box2D's accessors for user data are not const; nothing here writes through this.
  return reinterpret_cast<b2Body *>(const_cast<cb2_body *>(body));
}
b2Fixture *unwrap(cb2_fixture *fixture) { return reinterpret_cast<b2Fixture *>(fixture); }
b2Fixture *unwrap(const cb2_fixture *fixture) {
  return reinterpret_cast<b2Fixture *>(const_cast<cb2_fixture *>(fixture));
}
b2Joint *unwrap(cb2_joint *joint) { return reinterpret_cast<b2Joint *>(joint); }
b2Joint *unwrap(const cb2_joint *joint) {
  return reinterpret_cast<b2Joint *>(const_cast<cb2_joint *>(joint));
}

cb2_body *wrap(b2Body *body) { return reinterpret_cast<cb2_body *>(body); }
cb2_fixture *wrap(b2Fixture *fixture) { return reinterpret_cast<cb2_fixture *>(fixture); }
cb2_joint *wrap(b2Joint *joint) { return reinterpret_cast<cb2_joint *>(joint); }

b2Vec2 toB2(cb2_vec2 v) { return b2Vec2(v.x, v.y); }
cb2_vec2 fromB2(const b2Vec2 &v) { return cb2_vec2{v.x, v.y}; }

intptr_t tagOf(b2Body *body) { return static_cast<intptr_t>(body->GetUserData().pointer); }
intptr_t tagOf(b2Fixture *fixture) {
  return static_cast<intptr_t>(fixture->GetUserData().pointer);
}
uintptr_t storedTag(intptr_t tag) { return static_cast<uintptr_t>(tag); }

bool isFinite(cb2_vec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }

bool toB2(cb2_body_type type, b2BodyType *out) {
  switch (type) {
  case CB2_BODY_STATIC: *out = b2_staticBody; return true;
  case CB2_BODY_KINEMATIC: *out = b2_kinematicBody; return true;
  case CB2_BODY_DYNAMIC: *out = b2_dynamicBody; return true;
  }
  return false;
}

cb2_body_type fromB2(b2BodyType type) {
  switch (type) {
  case b2_staticBody: return CB2_BODY_STATIC;
  case b2_kinematicBody: return CB2_BODY_KINEMATIC;
  case b2_dynamicBody: return CB2_BODY_DYNAMIC;
  }
  return CB2_BODY_STATIC;
}

b2Filter toB2(cb2_filter filter) {
  b2Filter result;
  result.categoryBits = filter.category_bits;
  result.maskBits = filter.mask_bits;
  result.groupIndex = filter.group_index;
  return result;
}

cb2_filter fromB2(const b2Filter &filter) {
  return cb2_filter{filter.categoryBits, filter.maskBits, filter.groupIndex};
}

/// Stops the process for a programmer error (the C counterpart of Swift's precondition).
[[noreturn]] void fail(const char *function, const char *message) {
  std::fprintf(stderr, "CBox2D: %s: %s\n", function, message);
  std::abort();
}

b2RevoluteJoint *revolute(const cb2_joint *joint, const char *function) {
  b2Joint *base = unwrap(joint);
  if (base == nullptr || base->GetType() != e_revoluteJoint) {
    fail(function, "the joint is not a revolute joint");
  }
  return static_cast<b2RevoluteJoint *>(base);
}

b2PrismaticJoint *prismatic(const cb2_joint *joint, const char *function) {
  b2Joint *base = unwrap(joint);
  if (base == nullptr || base->GetType() != e_prismaticJoint) {
    fail(function, "the joint is not a prismatic joint");
  }
  return static_cast<b2PrismaticJoint *>(base);
}

// MARK: - Protected joint state

/// Reaches b2RevoluteJoint's protected limit flag and impulses (to change the flag without
/// EnableLimit's side effect of waking both bodies). Pointers to members named through a
/// derived class are the standard way to do this without copying Box2D's layout.
struct RevoluteLimitAccess : b2RevoluteJoint {
  static void setQuietly(b2RevoluteJoint *joint, bool flag) {
    bool b2RevoluteJoint::*enabled = &RevoluteLimitAccess::m_enableLimit;
    float b2RevoluteJoint::*lower = &RevoluteLimitAccess::m_lowerImpulse;
    float b2RevoluteJoint::*upper = &RevoluteLimitAccess::m_upperImpulse;
    if (joint->*enabled != flag) {
      joint->*enabled = flag;
      joint->*lower = 0.0f;
      joint->*upper = 0.0f;
    }
  }
};

// MARK: - Contact listener

/// Records Box2D's begin/end contact callbacks into the world's event buffer.
class EventRecorder final : public b2ContactListener {
public:
  explicit EventRecorder(std::vector<cb2_contact_event> *events) : events_(events) {}

  void BeginContact(b2Contact *contact) override { record(CB2_CONTACT_BEGIN, contact); }
  void EndContact(b2Contact *contact) override { record(CB2_CONTACT_END, contact); }

private:
  void record(cb2_contact_kind kind, b2Contact *contact) {
    b2Fixture *a = contact->GetFixtureA();
    b2Fixture *b = contact->GetFixtureB();
    cb2_contact_event event;
    event.kind = kind;
    event.body_tag_a = tagOf(a->GetBody());
    event.body_tag_b = tagOf(b->GetBody());
    event.fixture_tag_a = tagOf(a);
    event.fixture_tag_b = tagOf(b);
    event.is_sensor = a->IsSensor() || b->IsSensor();
    events_->push_back(event);
  }

  std::vector<cb2_contact_event> *events_;
};

// MARK: - Ray cast callback

/// Keeps the closest fixture passing the category mask (and sensor choice) along a ray.
class ClosestHit final : public b2RayCastCallback {
public:
  ClosestHit(uint16_t mask, bool includeSensors) : mask_(mask), includeSensors_(includeSensors) {}

  float ReportFixture(b2Fixture *fixture, const b2Vec2 &point, const b2Vec2 &normal,
                      float fraction) override {
    if ((fixture->GetFilterData().categoryBits & mask_) == 0) return -1.0f; // ignore, go on
    if (!includeSensors_ && fixture->IsSensor()) return -1.0f;
    if (fixture_ == nullptr || fraction < fraction_) {
      fixture_ = fixture;
      point_ = point;
      normal_ = normal;
      fraction_ = fraction;
    }
    return fraction_; // only look for hits closer than this one
  }

  /// Writes the result into `hit` (a miss as fraction 1, zero tags, NULL handles).
  bool write(cb2_ray_hit *hit) const {
    if (fixture_ == nullptr) {
      *hit = cb2_ray_hit{1.0f, {0, 0}, {0, 0}, 0, 0, nullptr, nullptr};
      return false;
    }
    b2Body *body = fixture_->GetBody();
    *hit = cb2_ray_hit{fraction_,     fromB2(point_), fromB2(normal_), tagOf(body),
                       tagOf(fixture_), wrap(body),   wrap(fixture_)};
    return true;
  }

private:
  uint16_t mask_;
  bool includeSensors_;
  b2Fixture *fixture_ = nullptr;
  b2Vec2 point_{0, 0};
  b2Vec2 normal_{0, 0};
  float fraction_ = 1.0f;
};

// MARK: - Process-wide state

std::atomic<int64_t> liveWorlds{0};
/// Worlds constructed minus worlds freed on the calling thread, so that a leak test is not
/// disturbed by tests creating worlds on other threads at the same time.
thread_local int64_t threadWorldBalance = 0;

/// Box2D fills its table of contact constructors lazily, on the first contact any world
/// creates, without a lock. Creating one contact here, once, under `std::call_once`, makes
/// that happen before any two worlds can race on it from different threads.
void initializeContactTablesOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    b2World world(b2Vec2(0.0f, 0.0f));
    b2CircleShape circle;
    circle.m_radius = 1.0f;
    b2BodyDef def;
    def.type = b2_dynamicBody;
    world.CreateBody(&def)->CreateFixture(&circle, 1.0f);
    world.CreateBody(&def)->CreateFixture(&circle, 1.0f);
    world.Step(0.0f, 1, 1); // the overlapping pair becomes a contact
  });
}

// MARK: - Input checks (Box2D asserts on these, and its Debian build keeps assertions)

/// Smallest polygon or box area accepted, m² (Box2D asserts at b2_epsilon; keep a margin).
constexpr float kMinArea = 1.0e-6f;
/// Box2D welds polygon vertices closer than this (half of b2_linearSlop).
constexpr float kWeldDistance = 0.5f * b2_linearSlop;

/// Whether Box2D can build a polygon from these points without asserting: 3...8 finite
/// points that, after welding near-duplicates as Box2D does, span a positive area.
bool isUsablePolygon(const cb2_vec2 *vertices, int32_t count) {
  if (vertices == nullptr || count < 3 || count > b2_maxPolygonVertices) return false;
  b2Vec2 unique[b2_maxPolygonVertices];
  int32_t uniqueCount = 0;
  for (int32_t i = 0; i < count; ++i) {
    if (!isFinite(vertices[i])) return false;
    b2Vec2 v = toB2(vertices[i]);
    bool isNew = true;
    for (int32_t j = 0; j < uniqueCount && isNew; ++j) {
      isNew = b2DistanceSquared(v, unique[j]) >= kWeldDistance * kWeldDistance;
    }
    if (isNew) unique[uniqueCount++] = v;
  }
  // Every triangle of the points lies inside their hull, so a large one proves the hull is.
  float largestDoubledArea = 0.0f;
  for (int32_t i = 0; i < uniqueCount; ++i) {
    for (int32_t j = i + 1; j < uniqueCount; ++j) {
      for (int32_t k = j + 1; k < uniqueCount; ++k) {
        float doubled = std::fabs(b2Cross(unique[j] - unique[i], unique[k] - unique[i]));
        if (doubled > largestDoubledArea) largestDoubledArea = doubled;
      }
    }
  }
  return 0.5f * largestDoubledArea > kMinArea;
}

bool isUsableFixtureDef(const cb2_fixture_def *def) {
  return def != nullptr && def->density >= 0.0f && std::isfinite(def->density) &&
         def->friction >= 0.0f && std::isfinite(def->friction) &&
         std::isfinite(def->restitution) && std::isfinite(def->restitution_threshold);
}

b2Fixture *addFixture(cb2_body *body, const cb2_fixture_def *def, const b2Shape &shape) {
  b2FixtureDef fixtureDef;
  fixtureDef.shape = &shape;
  fixtureDef.density = def->density;
  fixtureDef.friction = def->friction;
  fixtureDef.restitution = def->restitution;
  fixtureDef.restitutionThreshold = def->restitution_threshold;
  fixtureDef.isSensor = def->is_sensor;
  fixtureDef.filter = toB2(def->filter);
  fixtureDef.userData.pointer = storedTag(def->tag);
  return unwrap(body)->CreateFixture(&fixtureDef);
}

} // namespace

/// A Box2D world with the listener and buffer that record its contact events. Members are
/// declared so that the world is destroyed first, while its listener still exists. The
/// constructor and destructor keep `liveWorlds`, so a world never freed stays counted.
struct cb2_world {
  std::vector<cb2_contact_event> events;
  EventRecorder recorder;
  b2World world;
  bool recording = true;

  explicit cb2_world(b2Vec2 gravity) : recorder(&events), world(gravity) {
    events.reserve(64);
    world.SetContactListener(&recorder);
    liveWorlds.fetch_add(1, std::memory_order_relaxed);
    threadWorldBalance += 1;
  }

  ~cb2_world() {
    liveWorlds.fetch_sub(1, std::memory_order_relaxed);
    threadWorldBalance -= 1;
  }

  cb2_world(const cb2_world &) = delete;
  cb2_world &operator=(const cb2_world &) = delete;

  bool owns(b2Body *body) const { return body != nullptr && body->GetWorld() == &world; }
};

namespace {

/// The storage of the calling thread's most recently freed world, kept for the next world it
/// creates. Environments free their world and build a new one on every reset; a b2World is
/// about 100 KiB (mostly its stack allocator's buffer), and handing it back to malloc each
/// time let glibc trim the top of the heap and fault fresh zeroed pages in again on the next
/// reset (~10 page faults and a brk call per reset, 2–4 % of LunarLander's time). Reusing the
/// bytes changes nothing else: every world is still constructed from scratch.
struct RecycledWorldStorage {
  void *block = nullptr;
  ~RecycledWorldStorage() { ::operator delete(block); }
};
thread_local RecycledWorldStorage recycledWorld;

} // namespace

extern "C" {

// MARK: - World

cb2_world *cb2_world_create(cb2_vec2 gravity) {
  initializeContactTablesOnce();
  void *storage = recycledWorld.block;
  recycledWorld.block = nullptr;
  if (storage == nullptr) storage = ::operator new(sizeof(cb2_world));
  try {
    return new (storage) cb2_world(toB2(gravity));
  } catch (...) {
    ::operator delete(storage);
    throw;
  }
}

void cb2_world_destroy(cb2_world *world) {
  if (world == nullptr) return;
  world->~cb2_world();
  if (recycledWorld.block == nullptr) {
    recycledWorld.block = world;
  } else {
    ::operator delete(world);
  }
}

void cb2_world_step(cb2_world *world, float dt, int32_t velocity_iterations,
                    int32_t position_iterations) {
  world->world.Step(dt, velocity_iterations, position_iterations);
}

void cb2_world_set_gravity(cb2_world *world, cb2_vec2 gravity) {
  world->world.SetGravity(toB2(gravity));
}

cb2_vec2 cb2_world_get_gravity(const cb2_world *world) {
  return fromB2(world->world.GetGravity());
}

void cb2_world_set_allow_sleeping(cb2_world *world, bool flag) {
  world->world.SetAllowSleeping(flag);
}

bool cb2_world_get_allow_sleeping(const cb2_world *world) {
  return world->world.GetAllowSleeping();
}

int32_t cb2_world_body_count(const cb2_world *world) { return world->world.GetBodyCount(); }

int32_t cb2_world_joint_count(const cb2_world *world) { return world->world.GetJointCount(); }

// MARK: - Contact events

int32_t cb2_world_contact_event_count(const cb2_world *world) {
  return static_cast<int32_t>(world->events.size());
}

const cb2_contact_event *cb2_world_contact_events(const cb2_world *world) {
  return world->events.data();
}

void cb2_world_clear_contact_events(cb2_world *world) { world->events.clear(); }

void cb2_world_set_contact_events(cb2_world *world, bool flag) {
  world->recording = flag;
  world->world.SetContactListener(flag ? &world->recorder : nullptr);
}

bool cb2_world_get_contact_events(const cb2_world *world) { return world->recording; }

// MARK: - Ray casts

bool cb2_world_ray_cast_closest(const cb2_world *world, cb2_vec2 from, cb2_vec2 to,
                                uint16_t mask_bits, bool include_sensors, cb2_ray_hit *hit) {
  ClosestHit callback(mask_bits, include_sensors);
  // Box2D asserts that a ray has a length; a point ray hits nothing.
  if (isFinite(from) && isFinite(to) && (from.x != to.x || from.y != to.y)) {
    world->world.RayCast(&callback, toB2(from), toB2(to));
  }
  return callback.write(hit);
}

int32_t cb2_world_ray_cast_closest_batch(const cb2_world *world, const cb2_vec2 *from,
                                         const cb2_vec2 *to, int32_t count, uint16_t mask_bits,
                                         bool include_sensors, cb2_ray_hit *hits) {
  int32_t hitCount = 0;
  for (int32_t i = 0; i < count; ++i) {
    if (cb2_world_ray_cast_closest(world, from[i], to[i], mask_bits, include_sensors,
                                   &hits[i])) {
      ++hitCount;
    }
  }
  return hitCount;
}

// MARK: - Bodies

cb2_body_def cb2_body_def_make(cb2_body_type type, cb2_vec2 position, float angle) {
  b2BodyDef defaults;
  cb2_body_def def;
  def.type = type;
  def.position = position;
  def.angle = angle;
  def.linear_velocity = fromB2(defaults.linearVelocity);
  def.angular_velocity = defaults.angularVelocity;
  def.linear_damping = defaults.linearDamping;
  def.angular_damping = defaults.angularDamping;
  def.gravity_scale = defaults.gravityScale;
  def.allow_sleep = defaults.allowSleep;
  def.awake = defaults.awake;
  def.fixed_rotation = defaults.fixedRotation;
  def.bullet = defaults.bullet;
  def.enabled = defaults.enabled;
  def.tag = 0;
  return def;
}

cb2_body *cb2_world_create_body(cb2_world *world, const cb2_body_def *def) {
  b2BodyDef bodyDef;
  if (def == nullptr || !toB2(def->type, &bodyDef.type)) return nullptr;
  bodyDef.position = toB2(def->position);
  bodyDef.angle = def->angle;
  bodyDef.linearVelocity = toB2(def->linear_velocity);
  bodyDef.angularVelocity = def->angular_velocity;
  bodyDef.linearDamping = def->linear_damping;
  bodyDef.angularDamping = def->angular_damping;
  bodyDef.gravityScale = def->gravity_scale;
  bodyDef.allowSleep = def->allow_sleep;
  bodyDef.awake = def->awake;
  bodyDef.fixedRotation = def->fixed_rotation;
  bodyDef.bullet = def->bullet;
  bodyDef.enabled = def->enabled;
  bodyDef.userData.pointer = storedTag(def->tag);
  return wrap(world->world.CreateBody(&bodyDef));
}

bool cb2_world_destroy_body(cb2_world *world, cb2_body *body) {
  if (!world->owns(unwrap(body))) return false;
  world->world.DestroyBody(unwrap(body));
  return true;
}

intptr_t cb2_body_get_tag(const cb2_body *body) { return tagOf(unwrap(body)); }

void cb2_body_set_tag(cb2_body *body, intptr_t tag) {
  unwrap(body)->GetUserData().pointer = storedTag(tag);
}

cb2_body_type cb2_body_get_type(const cb2_body *body) { return fromB2(unwrap(body)->GetType()); }

void cb2_body_set_type(cb2_body *body, cb2_body_type type) {
  b2BodyType b2Type;
  if (!toB2(type, &b2Type)) fail(__func__, "not a cb2_body_type value");
  unwrap(body)->SetType(b2Type);
}

cb2_vec2 cb2_body_get_position(const cb2_body *body) {
  return fromB2(unwrap(body)->GetPosition());
}

float cb2_body_get_angle(const cb2_body *body) { return unwrap(body)->GetAngle(); }

void cb2_body_set_transform(cb2_body *body, cb2_vec2 position, float angle) {
  unwrap(body)->SetTransform(toB2(position), angle);
}

cb2_vec2 cb2_body_get_world_center(const cb2_body *body) {
  return fromB2(unwrap(body)->GetWorldCenter());
}

cb2_vec2 cb2_body_get_local_center(const cb2_body *body) {
  return fromB2(unwrap(body)->GetLocalCenter());
}

cb2_vec2 cb2_body_get_linear_velocity(const cb2_body *body) {
  return fromB2(unwrap(body)->GetLinearVelocity());
}

void cb2_body_set_linear_velocity(cb2_body *body, cb2_vec2 velocity) {
  unwrap(body)->SetLinearVelocity(toB2(velocity));
}

float cb2_body_get_angular_velocity(const cb2_body *body) {
  return unwrap(body)->GetAngularVelocity();
}

void cb2_body_set_angular_velocity(cb2_body *body, float omega) {
  unwrap(body)->SetAngularVelocity(omega);
}

cb2_vec2 cb2_body_get_linear_velocity_at_point(const cb2_body *body, cb2_vec2 world_point) {
  return fromB2(unwrap(body)->GetLinearVelocityFromWorldPoint(toB2(world_point)));
}

void cb2_body_apply_force(cb2_body *body, cb2_vec2 force, cb2_vec2 world_point, bool wake) {
  unwrap(body)->ApplyForce(toB2(force), toB2(world_point), wake);
}

void cb2_body_apply_force_to_center(cb2_body *body, cb2_vec2 force, bool wake) {
  unwrap(body)->ApplyForceToCenter(toB2(force), wake);
}

void cb2_body_apply_torque(cb2_body *body, float torque, bool wake) {
  unwrap(body)->ApplyTorque(torque, wake);
}

void cb2_body_apply_linear_impulse(cb2_body *body, cb2_vec2 impulse, cb2_vec2 world_point,
                                   bool wake) {
  unwrap(body)->ApplyLinearImpulse(toB2(impulse), toB2(world_point), wake);
}

void cb2_body_apply_linear_impulse_to_center(cb2_body *body, cb2_vec2 impulse, bool wake) {
  unwrap(body)->ApplyLinearImpulseToCenter(toB2(impulse), wake);
}

void cb2_body_apply_angular_impulse(cb2_body *body, float impulse, bool wake) {
  unwrap(body)->ApplyAngularImpulse(impulse, wake);
}

float cb2_body_get_mass(const cb2_body *body) { return unwrap(body)->GetMass(); }

float cb2_body_get_inertia(const cb2_body *body) { return unwrap(body)->GetInertia(); }

bool cb2_body_is_awake(const cb2_body *body) { return unwrap(body)->IsAwake(); }

void cb2_body_set_awake(cb2_body *body, bool flag) { unwrap(body)->SetAwake(flag); }

bool cb2_body_is_sleeping_allowed(const cb2_body *body) {
  return unwrap(body)->IsSleepingAllowed();
}

void cb2_body_set_sleeping_allowed(cb2_body *body, bool flag) {
  unwrap(body)->SetSleepingAllowed(flag);
}

bool cb2_body_is_enabled(const cb2_body *body) { return unwrap(body)->IsEnabled(); }

void cb2_body_set_enabled(cb2_body *body, bool flag) { unwrap(body)->SetEnabled(flag); }

void cb2_body_set_fixed_rotation(cb2_body *body, bool flag) {
  unwrap(body)->SetFixedRotation(flag);
}

void cb2_body_set_bullet(cb2_body *body, bool flag) { unwrap(body)->SetBullet(flag); }

void cb2_body_set_linear_damping(cb2_body *body, float damping) {
  unwrap(body)->SetLinearDamping(damping);
}

void cb2_body_set_angular_damping(cb2_body *body, float damping) {
  unwrap(body)->SetAngularDamping(damping);
}

void cb2_body_set_gravity_scale(cb2_body *body, float scale) {
  unwrap(body)->SetGravityScale(scale);
}

cb2_vec2 cb2_body_get_world_point(const cb2_body *body, cb2_vec2 local_point) {
  return fromB2(unwrap(body)->GetWorldPoint(toB2(local_point)));
}

cb2_vec2 cb2_body_get_world_vector(const cb2_body *body, cb2_vec2 local_vector) {
  return fromB2(unwrap(body)->GetWorldVector(toB2(local_vector)));
}

cb2_vec2 cb2_body_get_local_point(const cb2_body *body, cb2_vec2 world_point) {
  return fromB2(unwrap(body)->GetLocalPoint(toB2(world_point)));
}

cb2_vec2 cb2_body_get_local_vector(const cb2_body *body, cb2_vec2 world_vector) {
  return fromB2(unwrap(body)->GetLocalVector(toB2(world_vector)));
}

// MARK: - Fixtures

cb2_fixture_def cb2_fixture_def_make(void) {
  b2FixtureDef defaults;
  cb2_fixture_def def;
  def.density = defaults.density;
  def.friction = defaults.friction;
  def.restitution = defaults.restitution;
  def.restitution_threshold = defaults.restitutionThreshold;
  def.is_sensor = defaults.isSensor;
  def.filter = fromB2(defaults.filter);
  def.tag = 0;
  return def;
}

cb2_fixture *cb2_body_add_polygon(cb2_body *body, const cb2_fixture_def *def,
                                  const cb2_vec2 *vertices, int32_t count) {
  if (!isUsableFixtureDef(def) || !isUsablePolygon(vertices, count)) return nullptr;
  b2Vec2 points[b2_maxPolygonVertices];
  for (int32_t i = 0; i < count; ++i) points[i] = toB2(vertices[i]);
  b2PolygonShape shape;
  shape.Set(points, count);
  return wrap(addFixture(body, def, shape));
}

cb2_fixture *cb2_body_add_box(cb2_body *body, const cb2_fixture_def *def, float half_width,
                              float half_height, cb2_vec2 center, float angle) {
  if (!isUsableFixtureDef(def)) return nullptr;
  if (!(half_width > 0.0f && half_height > 0.0f && std::isfinite(half_width) &&
        std::isfinite(half_height) && 4.0f * half_width * half_height > kMinArea &&
        isFinite(center) && std::isfinite(angle))) {
    return nullptr;
  }
  b2PolygonShape shape;
  shape.SetAsBox(half_width, half_height, toB2(center), angle);
  return wrap(addFixture(body, def, shape));
}

cb2_fixture *cb2_body_add_circle(cb2_body *body, const cb2_fixture_def *def, float radius,
                                 cb2_vec2 center) {
  if (!isUsableFixtureDef(def) || !(radius > 0.0f && std::isfinite(radius)) ||
      !isFinite(center)) {
    return nullptr;
  }
  b2CircleShape shape;
  shape.m_radius = radius;
  shape.m_p = toB2(center);
  return wrap(addFixture(body, def, shape));
}

cb2_fixture *cb2_body_add_edge(cb2_body *body, const cb2_fixture_def *def, cb2_vec2 v1,
                               cb2_vec2 v2) {
  if (!isUsableFixtureDef(def) || !isFinite(v1) || !isFinite(v2)) return nullptr;
  if (b2DistanceSquared(toB2(v1), toB2(v2)) < kWeldDistance * kWeldDistance) return nullptr;
  b2EdgeShape shape;
  shape.SetTwoSided(toB2(v1), toB2(v2));
  return wrap(addFixture(body, def, shape));
}

bool cb2_body_destroy_fixture(cb2_body *body, cb2_fixture *fixture) {
  if (fixture == nullptr || unwrap(fixture)->GetBody() != unwrap(body)) return false;
  unwrap(body)->DestroyFixture(unwrap(fixture));
  return true;
}

cb2_body *cb2_fixture_get_body(cb2_fixture *fixture) { return wrap(unwrap(fixture)->GetBody()); }

intptr_t cb2_fixture_get_tag(const cb2_fixture *fixture) { return tagOf(unwrap(fixture)); }

void cb2_fixture_set_tag(cb2_fixture *fixture, intptr_t tag) {
  unwrap(fixture)->GetUserData().pointer = storedTag(tag);
}

bool cb2_fixture_is_sensor(const cb2_fixture *fixture) { return unwrap(fixture)->IsSensor(); }

void cb2_fixture_set_sensor(cb2_fixture *fixture, bool flag) { unwrap(fixture)->SetSensor(flag); }

cb2_filter cb2_fixture_get_filter(const cb2_fixture *fixture) {
  return fromB2(unwrap(fixture)->GetFilterData());
}

void cb2_fixture_set_filter(cb2_fixture *fixture, cb2_filter filter) {
  unwrap(fixture)->SetFilterData(toB2(filter));
}

float cb2_fixture_get_friction(const cb2_fixture *fixture) {
  return unwrap(fixture)->GetFriction();
}

void cb2_fixture_set_friction(cb2_fixture *fixture, float friction) {
  unwrap(fixture)->SetFriction(friction);
}

float cb2_fixture_get_restitution(const cb2_fixture *fixture) {
  return unwrap(fixture)->GetRestitution();
}

void cb2_fixture_set_restitution(cb2_fixture *fixture, float restitution) {
  unwrap(fixture)->SetRestitution(restitution);
}

float cb2_fixture_get_density(const cb2_fixture *fixture) { return unwrap(fixture)->GetDensity(); }

void cb2_fixture_set_density(cb2_fixture *fixture, float density) {
  if (!(density >= 0.0f && std::isfinite(density))) return;
  unwrap(fixture)->SetDensity(density);
  unwrap(fixture)->GetBody()->ResetMassData();
}

// MARK: - Joints

bool cb2_world_destroy_joint(cb2_world *world, cb2_joint *joint) {
  if (joint == nullptr || !world->owns(unwrap(joint)->GetBodyA())) return false;
  world->world.DestroyJoint(unwrap(joint));
  return true;
}

intptr_t cb2_joint_get_tag(const cb2_joint *joint) {
  return static_cast<intptr_t>(unwrap(joint)->GetUserData().pointer);
}

void cb2_joint_set_tag(cb2_joint *joint, intptr_t tag) {
  unwrap(joint)->GetUserData().pointer = storedTag(tag);
}

cb2_body *cb2_joint_get_body_a(cb2_joint *joint) { return wrap(unwrap(joint)->GetBodyA()); }

cb2_body *cb2_joint_get_body_b(cb2_joint *joint) { return wrap(unwrap(joint)->GetBodyB()); }

cb2_vec2 cb2_joint_get_anchor_a(const cb2_joint *joint) {
  return fromB2(unwrap(joint)->GetAnchorA());
}

cb2_vec2 cb2_joint_get_anchor_b(const cb2_joint *joint) {
  return fromB2(unwrap(joint)->GetAnchorB());
}

cb2_revolute_def cb2_revolute_def_make(cb2_body *a, cb2_body *b, cb2_vec2 local_anchor_a,
                                       cb2_vec2 local_anchor_b) {
  b2RevoluteJointDef defaults;
  cb2_revolute_def def;
  def.body_a = a;
  def.body_b = b;
  def.local_anchor_a = local_anchor_a;
  def.local_anchor_b = local_anchor_b;
  def.reference_angle = defaults.referenceAngle;
  def.enable_limit = defaults.enableLimit;
  def.lower_angle = defaults.lowerAngle;
  def.upper_angle = defaults.upperAngle;
  def.enable_motor = defaults.enableMotor;
  def.motor_speed = defaults.motorSpeed;
  def.max_motor_torque = defaults.maxMotorTorque;
  def.collide_connected = defaults.collideConnected;
  def.tag = 0;
  return def;
}

cb2_revolute_def cb2_revolute_def_make_at(cb2_body *a, cb2_body *b, cb2_vec2 world_anchor) {
  cb2_revolute_def def = cb2_revolute_def_make(a, b, cb2_vec2{0, 0}, cb2_vec2{0, 0});
  if (a == nullptr || b == nullptr) return def; // creation will refuse it
  b2RevoluteJointDef placed;
  placed.Initialize(unwrap(a), unwrap(b), toB2(world_anchor));
  def.local_anchor_a = fromB2(placed.localAnchorA);
  def.local_anchor_b = fromB2(placed.localAnchorB);
  def.reference_angle = placed.referenceAngle;
  return def;
}

cb2_joint *cb2_world_create_revolute_joint(cb2_world *world, const cb2_revolute_def *def) {
  if (def == nullptr || !world->owns(unwrap(def->body_a)) || !world->owns(unwrap(def->body_b)) ||
      def->body_a == def->body_b || !(def->lower_angle <= def->upper_angle)) {
    return nullptr;
  }
  b2RevoluteJointDef jointDef;
  jointDef.bodyA = unwrap(def->body_a);
  jointDef.bodyB = unwrap(def->body_b);
  jointDef.localAnchorA = toB2(def->local_anchor_a);
  jointDef.localAnchorB = toB2(def->local_anchor_b);
  jointDef.referenceAngle = def->reference_angle;
  jointDef.enableLimit = def->enable_limit;
  jointDef.lowerAngle = def->lower_angle;
  jointDef.upperAngle = def->upper_angle;
  jointDef.enableMotor = def->enable_motor;
  jointDef.motorSpeed = def->motor_speed;
  jointDef.maxMotorTorque = def->max_motor_torque;
  jointDef.collideConnected = def->collide_connected;
  jointDef.userData.pointer = storedTag(def->tag);
  return wrap(world->world.CreateJoint(&jointDef));
}

float cb2_revolute_get_angle(const cb2_joint *joint) {
  return revolute(joint, __func__)->GetJointAngle();
}

float cb2_revolute_get_speed(const cb2_joint *joint) {
  return revolute(joint, __func__)->GetJointSpeed();
}

bool cb2_revolute_is_motor_enabled(const cb2_joint *joint) {
  return revolute(joint, __func__)->IsMotorEnabled();
}

void cb2_revolute_enable_motor(cb2_joint *joint, bool flag) {
  revolute(joint, __func__)->EnableMotor(flag);
}

float cb2_revolute_get_motor_speed(const cb2_joint *joint) {
  return revolute(joint, __func__)->GetMotorSpeed();
}

void cb2_revolute_set_motor_speed(cb2_joint *joint, float speed) {
  revolute(joint, __func__)->SetMotorSpeed(speed);
}

float cb2_revolute_get_max_motor_torque(const cb2_joint *joint) {
  return revolute(joint, __func__)->GetMaxMotorTorque();
}

void cb2_revolute_set_max_motor_torque(cb2_joint *joint, float torque) {
  revolute(joint, __func__)->SetMaxMotorTorque(torque);
}

float cb2_revolute_get_motor_torque(const cb2_joint *joint, float inv_dt) {
  return revolute(joint, __func__)->GetMotorTorque(inv_dt);
}

bool cb2_revolute_is_limit_enabled(const cb2_joint *joint) {
  return revolute(joint, __func__)->IsLimitEnabled();
}

void cb2_revolute_enable_limit(cb2_joint *joint, bool flag) {
  revolute(joint, __func__)->EnableLimit(flag);
}

float cb2_revolute_get_lower_limit(const cb2_joint *joint) {
  return revolute(joint, __func__)->GetLowerLimit();
}

float cb2_revolute_get_upper_limit(const cb2_joint *joint) {
  return revolute(joint, __func__)->GetUpperLimit();
}

bool cb2_revolute_set_limits(cb2_joint *joint, float lower, float upper) {
  b2RevoluteJoint *hinge = revolute(joint, __func__);
  if (!(lower <= upper)) return false;
  hinge->SetLimits(lower, upper);
  return true;
}

void cb2_revolute_use_box2d23_limits(cb2_joint *const *joints, int32_t count) {
  for (int32_t i = 0; i < count; ++i) {
    b2RevoluteJoint *hinge = revolute(joints[i], __func__);
    float angle = hinge->GetJointAngle();
    bool atLimit = angle <= hinge->GetLowerLimit() || angle >= hinge->GetUpperLimit();
    RevoluteLimitAccess::setQuietly(hinge, atLimit);
  }
}

cb2_prismatic_def cb2_prismatic_def_make(cb2_body *a, cb2_body *b, cb2_vec2 local_anchor_a,
                                         cb2_vec2 local_anchor_b, cb2_vec2 local_axis_a) {
  b2PrismaticJointDef defaults;
  cb2_prismatic_def def;
  def.body_a = a;
  def.body_b = b;
  def.local_anchor_a = local_anchor_a;
  def.local_anchor_b = local_anchor_b;
  def.local_axis_a = local_axis_a;
  def.reference_angle = defaults.referenceAngle;
  def.enable_limit = defaults.enableLimit;
  def.lower_translation = defaults.lowerTranslation;
  def.upper_translation = defaults.upperTranslation;
  def.enable_motor = defaults.enableMotor;
  def.motor_speed = defaults.motorSpeed;
  def.max_motor_force = defaults.maxMotorForce;
  def.collide_connected = defaults.collideConnected;
  def.tag = 0;
  return def;
}

cb2_joint *cb2_world_create_prismatic_joint(cb2_world *world, const cb2_prismatic_def *def) {
  if (def == nullptr || !world->owns(unwrap(def->body_a)) || !world->owns(unwrap(def->body_b)) ||
      def->body_a == def->body_b || !(def->lower_translation <= def->upper_translation) ||
      !isFinite(def->local_axis_a)) {
    return nullptr;
  }
  b2Vec2 axis = toB2(def->local_axis_a);
  if (axis.Normalize() < b2_epsilon) return nullptr;
  b2PrismaticJointDef jointDef;
  jointDef.bodyA = unwrap(def->body_a);
  jointDef.bodyB = unwrap(def->body_b);
  jointDef.localAnchorA = toB2(def->local_anchor_a);
  jointDef.localAnchorB = toB2(def->local_anchor_b);
  jointDef.localAxisA = axis;
  jointDef.referenceAngle = def->reference_angle;
  jointDef.enableLimit = def->enable_limit;
  jointDef.lowerTranslation = def->lower_translation;
  jointDef.upperTranslation = def->upper_translation;
  jointDef.enableMotor = def->enable_motor;
  jointDef.motorSpeed = def->motor_speed;
  jointDef.maxMotorForce = def->max_motor_force;
  jointDef.collideConnected = def->collide_connected;
  jointDef.userData.pointer = storedTag(def->tag);
  return wrap(world->world.CreateJoint(&jointDef));
}

float cb2_prismatic_get_translation(const cb2_joint *joint) {
  return prismatic(joint, __func__)->GetJointTranslation();
}

float cb2_prismatic_get_speed(const cb2_joint *joint) {
  return prismatic(joint, __func__)->GetJointSpeed();
}

void cb2_prismatic_enable_motor(cb2_joint *joint, bool flag) {
  prismatic(joint, __func__)->EnableMotor(flag);
}

void cb2_prismatic_set_motor_speed(cb2_joint *joint, float speed) {
  prismatic(joint, __func__)->SetMotorSpeed(speed);
}

void cb2_prismatic_set_max_motor_force(cb2_joint *joint, float force) {
  prismatic(joint, __func__)->SetMaxMotorForce(force);
}

float cb2_prismatic_get_motor_force(const cb2_joint *joint, float inv_dt) {
  return prismatic(joint, __func__)->GetMotorForce(inv_dt);
}

void cb2_prismatic_enable_limit(cb2_joint *joint, bool flag) {
  prismatic(joint, __func__)->EnableLimit(flag);
}

bool cb2_prismatic_set_limits(cb2_joint *joint, float lower, float upper) {
  b2PrismaticJoint *slider = prismatic(joint, __func__);
  if (!(lower <= upper)) return false;
  slider->SetLimits(lower, upper);
  return true;
}

bool cb2_prismatic_is_limit_enabled(const cb2_joint *joint) {
  return prismatic(joint, __func__)->IsLimitEnabled();
}

float cb2_prismatic_get_lower_limit(const cb2_joint *joint) {
  return prismatic(joint, __func__)->GetLowerLimit();
}

float cb2_prismatic_get_upper_limit(const cb2_joint *joint) {
  return prismatic(joint, __func__)->GetUpperLimit();
}

bool cb2_prismatic_is_motor_enabled(const cb2_joint *joint) {
  return prismatic(joint, __func__)->IsMotorEnabled();
}

void cb2_world_set_continuous_physics(cb2_world *world, bool flag) {
  world->world.SetContinuousPhysics(flag);
}

bool cb2_world_get_continuous_physics(const cb2_world *world) {
  return world->world.GetContinuousPhysics();
}

// MARK: - Queries

int32_t cb2_world_query_aabb(const cb2_world *world, cb2_vec2 lower, cb2_vec2 upper,
                             uint16_t mask_bits, bool include_sensors, intptr_t *tags,
                             int32_t capacity) {
  /// Collects each matching body once (a body's fixtures are reported one by one).
  struct Collector : b2QueryCallback {
    uint16_t mask;
    bool sensors;
    std::vector<b2Body *> bodies;
    bool ReportFixture(b2Fixture *fixture) override {
      if ((fixture->GetFilterData().categoryBits & mask) == 0) return true;
      if (fixture->IsSensor() && !sensors) return true;
      b2Body *body = fixture->GetBody();
      for (b2Body *seen : bodies) {
        if (seen == body) return true;
      }
      bodies.push_back(body);
      return true;
    }
  } collector;
  collector.mask = mask_bits;
  collector.sensors = include_sensors;
  b2AABB box;
  box.lowerBound = toB2(lower);
  box.upperBound = toB2(upper);
  const_cast<b2World &>(world->world).QueryAABB(&collector, box);
  int32_t found = static_cast<int32_t>(collector.bodies.size());
  if (tags != nullptr) {
    for (int32_t i = 0; i < found && i < capacity; ++i) tags[i] = tagOf(collector.bodies[i]);
  }
  return found;
}

// MARK: - Diagnostics

int64_t cb2_debug_live_world_count(void) { return liveWorlds.load(std::memory_order_relaxed); }
int64_t cb2_debug_thread_world_balance(void) { return threadWorldBalance; }

} // extern "C"
