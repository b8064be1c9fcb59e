// The C++ floor of LunarLander-v3 and BipedalWalker-v3 on Debian's libbox2d 2.4.1: the same
// worlds our Swift environments (and Gymnasium) build, stepped with random actions and reset at
// episode end as `gym bench` does, with no Swift, no Python and no shim in between. What this
// program measures is the most any binding of Debian's Box2D can reach at Gymnasium's solver
// settings (180 velocity / 60 position iterations at 50 steps per second).
//
// Build (see the Makefile beside it):
//   g++ -O2 -std=c++17 -I/usr/include/box2d floor.cpp -o floor -lbox2d
// Run:
//   ./floor lunar 300000          # LunarLander-v3, discrete actions
//   ./floor lunar-continuous 300000
//   ./floor bipedal 100000        # BipedalWalker-v3
//   ./floor lunar 300000 --box2d24-limits   # Box2D 2.4's own limit solver instead of 2.3's
//   ./floor lunar 300000 --profile          # also time world.Step and the rebuild separately
//   ./floor lunar 300000 --iterations 8,3   # other solver iterations (not Gymnasium's physics)
//
// Output: one JSON line per run with steps, episodes, process CPU seconds and steps per CPU
// second. Randomness (terrain, pushes, actions) comes from a seeded std::mt19937_64: the
// distributions are Gymnasium's, the exact draws are not (they do not need to be for timing).

#include <box2d/box2d.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

namespace {

double cpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double wallSeconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/// Accumulates process CPU time spent in a section (only with --profile: the clock read is a
/// system call of its own, so the profiled run is slower than the plain one).
struct Section {
  double seconds = 0;
  bool enabled = false;
  double started = 0;
  void begin() {
    if (enabled) started = cpuSeconds();
  }
  void end() {
    if (enabled) seconds += cpuSeconds() - started;
  }
};

struct Random {
  std::mt19937_64 engine;
  explicit Random(uint64_t seed) : engine(seed) {}
  double uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(engine);
  }
  int integers(int low, int high) {  // [low, high) as NumPy's
    return std::uniform_int_distribution<int>(low, high - 1)(engine);
  }
};

/// Gymnasium runs on pybox2d (Box2D 2.3), whose revolute limits act only while a joint is at or
/// past them; Box2D 2.4 solves both limit rows every iteration. Our environments switch each
/// limit on only while the joint is at it (before every step, without waking the bodies); this
/// reaches the same protected members the same way, so the floor solves what our envs solve.
struct RevoluteLimitAccess : b2RevoluteJoint {
  static void useBox2D23Limit(b2RevoluteJoint *joint) {
    bool b2RevoluteJoint::*enabled = &RevoluteLimitAccess::m_enableLimit;
    float b2RevoluteJoint::*lower = &RevoluteLimitAccess::m_lowerImpulse;
    float b2RevoluteJoint::*upper = &RevoluteLimitAccess::m_upperImpulse;
    float angle = joint->GetJointAngle();
    bool atLimit = angle <= joint->GetLowerLimit() || angle >= joint->GetUpperLimit();
    if (joint->*enabled != atLimit) {
      joint->*enabled = atLimit;
      joint->*lower = 0.0f;
      joint->*upper = 0.0f;
    }
  }
};

bool box2d23Limits = true;

// MARK: - LunarLander-v3

constexpr double kFPS = 50, kScale = 30;
/// Gymnasium's solver iterations; `--iterations V,P` changes them to show how the cost scales
/// (any other count changes the physics, so only 180/60 is a floor for Gymnasium's tasks).
int kVelocityIterations = 6 * 30, kPositionIterations = 2 * 30;

/// Gymnasium's ContactDetector: the lander touching anything ends the episode; legs record
/// ground contact on begin and clear it on end.
class LanderContacts : public b2ContactListener {
public:
  b2Body *lander = nullptr;
  b2Body *legs[2] = {nullptr, nullptr};
  bool gameOver = false;
  bool legContact[2] = {false, false};

  void BeginContact(b2Contact *c) override {
    b2Body *a = c->GetFixtureA()->GetBody(), *b = c->GetFixtureB()->GetBody();
    if (a == lander || b == lander) gameOver = true;
    for (int i = 0; i < 2; ++i)
      if (a == legs[i] || b == legs[i]) legContact[i] = true;
  }
  void EndContact(b2Contact *c) override {
    b2Body *a = c->GetFixtureA()->GetBody(), *b = c->GetFixtureB()->GetBody();
    for (int i = 0; i < 2; ++i)
      if (a == legs[i] || b == legs[i]) legContact[i] = false;
  }
};

struct LunarLander {
  bool continuous;
  Random rng;
  b2World *world = nullptr;
  b2Body *lander = nullptr;
  b2RevoluteJoint *joints[2] = {nullptr, nullptr};
  LanderContacts contacts;
  double previousShaping = 0;
  bool hasPrevious = false;
  int elapsed = 0;

  LunarLander(bool continuous, uint64_t seed) : continuous(continuous), rng(seed) {}
  ~LunarLander() { delete world; }

  static constexpr double W = 600 / kScale, H = 400 / kScale;

  void reset() {
    delete world;
    world = new b2World(b2Vec2(0, -10));
    contacts = LanderContacts();
    world->SetContactListener(&contacts);
    hasPrevious = false;
    elapsed = 0;

    constexpr int chunks = 11;
    double height[chunks + 1], chunkX[chunks], smooth[chunks];
    for (double &h : height) h = rng.uniform(0, H / 2);
    for (int i = 0; i < chunks; ++i) chunkX[i] = W / (chunks - 1) * i;
    double helipadY = H / 4;
    for (int i = chunks / 2 - 2; i <= chunks / 2 + 2; ++i) height[i] = helipadY;
    for (int i = 0; i < chunks; ++i)
      smooth[i] = 0.33 * (height[i == 0 ? chunks : i - 1] + height[i] + height[i + 1]);

    b2BodyDef moonDef;  // static at the origin
    b2Body *moon = world->CreateBody(&moonDef);
    b2EdgeShape edge;
    edge.SetTwoSided(b2Vec2(0, 0), b2Vec2(W, 0));
    b2FixtureDef edgeFixture;
    edgeFixture.shape = &edge;
    moon->CreateFixture(&edgeFixture);
    for (int i = 0; i < chunks - 1; ++i) {
      edge.SetTwoSided(b2Vec2(chunkX[i], smooth[i]), b2Vec2(chunkX[i + 1], smooth[i + 1]));
      b2FixtureDef f;
      f.shape = &edge;
      f.density = 0;
      f.friction = 0.1f;
      moon->CreateFixture(&f);
    }

    b2BodyDef landerDef;
    landerDef.type = b2_dynamicBody;
    landerDef.position.Set(W / 2, H);
    lander = world->CreateBody(&landerDef);
    const double poly[6][2] = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
    b2Vec2 points[6];
    for (int i = 0; i < 6; ++i) points[i].Set(poly[i][0] / kScale, poly[i][1] / kScale);
    b2PolygonShape hull;
    hull.Set(points, 6);
    b2FixtureDef landerFixture;
    landerFixture.shape = &hull;
    landerFixture.density = 5;
    landerFixture.friction = 0.1f;
    landerFixture.restitution = 0;
    landerFixture.filter.categoryBits = 0x0010;
    landerFixture.filter.maskBits = 0x001;
    lander->CreateFixture(&landerFixture);
    double fx = rng.uniform(-1000, 1000), fy = rng.uniform(-1000, 1000);
    lander->ApplyForceToCenter(b2Vec2(fx, fy), true);
    contacts.lander = lander;

    for (int k = 0; k < 2; ++k) {
      double i = k == 0 ? -1 : 1;
      b2BodyDef legDef;
      legDef.type = b2_dynamicBody;
      legDef.position.Set(W / 2 - i * 20 / kScale, H);
      legDef.angle = i * 0.05;
      b2Body *leg = world->CreateBody(&legDef);
      b2PolygonShape box;
      box.SetAsBox(2 / kScale, 8 / kScale);
      b2FixtureDef legFixture;
      legFixture.shape = &box;
      legFixture.density = 1;
      legFixture.restitution = 0;
      legFixture.filter.categoryBits = 0x0020;
      legFixture.filter.maskBits = 0x001;
      leg->CreateFixture(&legFixture);
      b2RevoluteJointDef joint;
      joint.bodyA = lander;
      joint.bodyB = leg;
      joint.localAnchorA.Set(0, 0);
      joint.localAnchorB.Set(i * 20 / kScale, 18 / kScale);
      joint.referenceAngle = leg->GetAngle() - lander->GetAngle();
      joint.enableMotor = true;
      joint.enableLimit = true;
      joint.maxMotorTorque = 40;
      joint.motorSpeed = 0.3 * i;
      joint.lowerAngle = i < 0 ? 0.9 - 0.5 : -0.9;
      joint.upperAngle = i < 0 ? 0.9 : -0.9 + 0.5;
      joints[k] = static_cast<b2RevoluteJoint *>(world->CreateJoint(&joint));
      contacts.legs[k] = leg;
    }
    double noop[2] = {0, 0};
    step(0, noop);
  }

  /// One step; `discrete` or `continuous[2]` per the mode. Returns whether the episode ended.
  bool step(int discrete, const double *action, Section *physics = nullptr) {
    double angle = lander->GetAngle();
    double tip[2] = {std::sin(angle), std::cos(angle)};
    double side[2] = {-tip[1], tip[0]};
    double d0 = rng.uniform(-1, 1) / kScale, d1 = rng.uniform(-1, 1) / kScale;

    double mPower = 0, sPower = 0, direction = 0;
    if (continuous) {
      double a0 = std::fmin(std::fmax(action[0], -1), 1), a1 = std::fmin(std::fmax(action[1], -1), 1);
      if (a0 > 0) mPower = (std::fmin(std::fmax(a0, 0), 1) + 1) * 0.5;
      if (std::fabs(a1) > 0.5) {
        direction = a1 > 0 ? 1 : -1;
        sPower = std::fmin(std::fmax(std::fabs(a1), 0.5), 1);
      }
    } else {
      if (discrete == 2) mPower = 1;
      if (discrete == 1 || discrete == 3) {
        direction = discrete - 2;
        sPower = 1;
      }
    }
    if (mPower > 0) {
      double along = 4 / kScale + 2 * d0;
      double ox = tip[0] * along + side[0] * d1, oy = -tip[1] * along - side[1] * d1;
      b2Vec2 p = lander->GetPosition();
      double k = 13 * mPower;
      lander->ApplyLinearImpulse(b2Vec2(-ox * k, -oy * k), b2Vec2(p.x + ox, p.y + oy), true);
    }
    if (sPower > 0) {
      double across = 3 * d1 + direction * 12 / kScale;
      double ox = tip[0] * d0 + side[0] * across, oy = -tip[1] * d0 - side[1] * across;
      b2Vec2 p = lander->GetPosition();
      double k = 0.6 * sPower;
      lander->ApplyLinearImpulse(b2Vec2(-ox * k, -oy * k),
                                 b2Vec2(p.x + ox - tip[0] * 17 / kScale, p.y + oy + tip[1] * 14 / kScale), true);
    }

    if (physics) physics->begin();
    if (box2d23Limits)
      for (b2RevoluteJoint *j : joints) RevoluteLimitAccess::useBox2D23Limit(j);
    world->Step(1.0f / kFPS, kVelocityIterations, kPositionIterations);
    if (physics) physics->end();

    b2Vec2 pos = lander->GetPosition(), vel = lander->GetLinearVelocity();
    double s0 = (pos.x - W / 2) / (W / 2);
    double s1 = (pos.y - (H / 4 + 18 / kScale)) / (H / 2);
    double s2 = vel.x * (W / 2) / kFPS, s3 = vel.y * (H / 2) / kFPS;
    double s4 = lander->GetAngle();
    double s6 = contacts.legContact[0], s7 = contacts.legContact[1];
    double shaping = -100 * std::sqrt(s0 * s0 + s1 * s1) - 100 * std::sqrt(s2 * s2 + s3 * s3) -
                     100 * std::fabs(s4) + 10 * s6 + 10 * s7;
    double reward = hasPrevious ? shaping - previousShaping : 0;
    previousShaping = shaping;
    hasPrevious = true;
    reward -= mPower * 0.30 + sPower * 0.03;
    (void)reward;
    elapsed += 1;
    bool terminated = contacts.gameOver || std::fabs(s0) >= 1 || !lander->IsAwake();
    return terminated || elapsed >= 1000 + 1;  // reset's internal step is not counted
  }
};

// MARK: - BipedalWalker-v3

class WalkerContacts : public b2ContactListener {
public:
  b2Body *hull = nullptr;
  b2Body *lowerLegs[2] = {nullptr, nullptr};
  bool gameOver = false;
  bool legContact[2] = {false, false};

  void BeginContact(b2Contact *c) override {
    b2Body *a = c->GetFixtureA()->GetBody(), *b = c->GetFixtureB()->GetBody();
    if (a == hull || b == hull) gameOver = true;
    for (int i = 0; i < 2; ++i)
      if (a == lowerLegs[i] || b == lowerLegs[i]) legContact[i] = true;
  }
  void EndContact(b2Contact *c) override {
    b2Body *a = c->GetFixtureA()->GetBody(), *b = c->GetFixtureB()->GetBody();
    for (int i = 0; i < 2; ++i)
      if (a == lowerLegs[i] || b == lowerLegs[i]) legContact[i] = false;
  }
};

/// Gymnasium's LidarCallback: the closest fixture whose category has bit 0.
class Lidar : public b2RayCastCallback {
public:
  float fraction = 1;
  float ReportFixture(b2Fixture *fixture, const b2Vec2 &, const b2Vec2 &, float f) override {
    if ((fixture->GetFilterData().categoryBits & 1) == 0) return -1;
    fraction = f;
    return f;
  }
};

struct BipedalWalker {
  Random rng;
  b2World *world = nullptr;
  b2Body *hull = nullptr;
  b2RevoluteJoint *joints[4] = {};
  WalkerContacts contacts;
  double previousShaping = 0;
  bool hasPrevious = false;
  int elapsed = 0;
  float observation[24];

  static constexpr double kTerrainStep = 14 / kScale, kTerrainHeight = 400 / kScale / 4;
  static constexpr int kTerrainLength = 200, kTerrainGrass = 10, kTerrainStartpad = 20;
  static constexpr double kLegDown = -8 / kScale, kLegW = 8 / kScale, kLegH = 34 / kScale;
  static constexpr double kMotorsTorque = 80, kSpeedHip = 4, kSpeedKnee = 6;
  static constexpr double kLidarRange = 160 / kScale;

  explicit BipedalWalker(uint64_t seed) : rng(seed) {}
  ~BipedalWalker() { delete world; }

  void reset() {
    delete world;
    world = new b2World(b2Vec2(0, -10));
    contacts = WalkerContacts();
    world->SetContactListener(&contacts);
    hasPrevious = false;
    elapsed = 0;

    // Terrain (the non-hardcore random walk), one static body per edge as Gymnasium.
    double terrainX[kTerrainLength], terrainY[kTerrainLength];
    double velocity = 0, y = kTerrainHeight;
    int counter = kTerrainStartpad;
    for (int i = 0; i < kTerrainLength; ++i) {
      terrainX[i] = i * kTerrainStep;
      double toward = kTerrainHeight - y;
      velocity = 0.8 * velocity + 0.01 * (toward > 0 ? 1 : (toward < 0 ? -1 : 0));
      if (i > kTerrainStartpad) velocity += rng.uniform(-1, 1) / kScale;
      y += velocity;
      terrainY[i] = y;
      if (--counter == 0) counter = rng.integers(kTerrainGrass / 2, kTerrainGrass);
    }
    for (int i = 0; i < kTerrainLength - 1; ++i) {
      b2BodyDef def;
      b2Body *body = world->CreateBody(&def);
      b2EdgeShape edge;
      edge.SetTwoSided(b2Vec2(terrainX[i], terrainY[i]), b2Vec2(terrainX[i + 1], terrainY[i + 1]));
      b2FixtureDef f;
      f.shape = &edge;
      f.friction = 2.5f;
      f.filter.categoryBits = 0x0001;
      body->CreateFixture(&f);
    }
    // Clouds are cosmetic but consume the generator: 10 clouds × 11 draws.
    for (int c = 0; c < 110; ++c) rng.uniform(0, 1);

    double initX = kTerrainStep * kTerrainStartpad / 2, initY = kTerrainHeight + 2 * kLegH;
    b2BodyDef hullDef;
    hullDef.type = b2_dynamicBody;
    hullDef.position.Set(initX, initY);
    hull = world->CreateBody(&hullDef);
    const double poly[5][2] = {{-30, 9}, {6, 9}, {34, 1}, {34, -8}, {-30, -8}};
    b2Vec2 points[5];
    for (int i = 0; i < 5; ++i) points[i].Set(poly[i][0] / kScale, poly[i][1] / kScale);
    b2PolygonShape hullShape;
    hullShape.Set(points, 5);
    b2FixtureDef hullFixture;
    hullFixture.shape = &hullShape;
    hullFixture.density = 5;
    hullFixture.friction = 0.1f;
    hullFixture.restitution = 0;
    hullFixture.filter.categoryBits = 0x0020;
    hullFixture.filter.maskBits = 0x001;
    hull->CreateFixture(&hullFixture);
    hull->ApplyForceToCenter(b2Vec2(rng.uniform(-5, 5), 0), true);
    contacts.hull = hull;

    for (int k = 0; k < 2; ++k) {
      double i = k == 0 ? -1 : 1;
      b2BodyDef upperDef;
      upperDef.type = b2_dynamicBody;
      upperDef.position.Set(initX, initY - kLegH / 2 - kLegDown);
      upperDef.angle = i * 0.05;
      b2Body *upper = world->CreateBody(&upperDef);
      b2PolygonShape upperBox;
      upperBox.SetAsBox(kLegW / 2, kLegH / 2);
      b2FixtureDef legFixture;
      legFixture.shape = &upperBox;
      legFixture.density = 1;
      legFixture.restitution = 0;
      legFixture.filter.categoryBits = 0x0020;
      legFixture.filter.maskBits = 0x001;
      upper->CreateFixture(&legFixture);
      b2RevoluteJointDef hip;
      hip.bodyA = hull;
      hip.bodyB = upper;
      hip.localAnchorA.Set(0, kLegDown);
      hip.localAnchorB.Set(0, kLegH / 2);
      hip.referenceAngle = upper->GetAngle() - hull->GetAngle();
      hip.enableMotor = true;
      hip.enableLimit = true;
      hip.maxMotorTorque = kMotorsTorque;
      hip.motorSpeed = i;
      hip.lowerAngle = -0.8f;
      hip.upperAngle = 1.1f;
      joints[2 * k] = static_cast<b2RevoluteJoint *>(world->CreateJoint(&hip));

      b2BodyDef lowerDef;
      lowerDef.type = b2_dynamicBody;
      lowerDef.position.Set(initX, initY - kLegH * 3 / 2 - kLegDown);
      lowerDef.angle = i * 0.05;
      b2Body *lower = world->CreateBody(&lowerDef);
      b2PolygonShape lowerBox;
      lowerBox.SetAsBox(0.8 * kLegW / 2, kLegH / 2);
      legFixture.shape = &lowerBox;
      lower->CreateFixture(&legFixture);
      b2RevoluteJointDef knee;
      knee.bodyA = upper;
      knee.bodyB = lower;
      knee.localAnchorA.Set(0, -kLegH / 2);
      knee.localAnchorB.Set(0, kLegH / 2);
      knee.referenceAngle = lower->GetAngle() - upper->GetAngle();
      knee.enableMotor = true;
      knee.enableLimit = true;
      knee.maxMotorTorque = kMotorsTorque;
      knee.motorSpeed = 1;
      knee.lowerAngle = -1.6f;
      knee.upperAngle = -0.1f;
      joints[2 * k + 1] = static_cast<b2RevoluteJoint *>(world->CreateJoint(&knee));
      contacts.lowerLegs[k] = lower;
    }
    const double zero[4] = {0, 0, 0, 0};
    step(zero);
  }

  bool step(const double *action, Section *physics = nullptr) {
    for (int j = 0; j < 4; ++j) {
      double a = action[j], speed = j % 2 == 0 ? kSpeedHip : kSpeedKnee;
      joints[j]->SetMotorSpeed(speed * (a > 0 ? 1 : (a < 0 ? -1 : 0)));
      joints[j]->SetMaxMotorTorque(kMotorsTorque * std::fmin(std::fmax(std::fabs(a), 0), 1));
    }
    if (physics) physics->begin();
    if (box2d23Limits)
      for (b2RevoluteJoint *j : joints) RevoluteLimitAccess::useBox2D23Limit(j);
    world->Step(1.0f / kFPS, kVelocityIterations, kPositionIterations);
    if (physics) physics->end();

    b2Vec2 pos = hull->GetPosition(), vel = hull->GetLinearVelocity();
    for (int i = 0; i < 10; ++i) {
      double angle = 1.5 * i / 10;
      Lidar lidar;
      b2Vec2 to(pos.x + std::sin(angle) * kLidarRange, pos.y - std::cos(angle) * kLidarRange);
      world->RayCast(&lidar, pos, to);
      observation[14 + i] = lidar.fraction;
    }
    observation[0] = hull->GetAngle();
    observation[1] = 2 * hull->GetAngularVelocity() / kFPS;
    observation[2] = 0.3 * vel.x * (600 / kScale) / kFPS;
    observation[3] = 0.3 * vel.y * (400 / kScale) / kFPS;
    for (int k = 0; k < 2; ++k) {
      observation[4 + 5 * k] = joints[2 * k]->GetJointAngle();
      observation[5 + 5 * k] = joints[2 * k]->GetJointSpeed() / kSpeedHip;
      observation[6 + 5 * k] = joints[2 * k + 1]->GetJointAngle() + 1;
      observation[7 + 5 * k] = joints[2 * k + 1]->GetJointSpeed() / kSpeedKnee;
      observation[8 + 5 * k] = contacts.legContact[k];
    }
    double shaping = 130 * pos.x / kScale - 5 * std::fabs(hull->GetAngle());
    double reward = hasPrevious ? shaping - previousShaping : 0;
    previousShaping = shaping;
    hasPrevious = true;
    for (int j = 0; j < 4; ++j) reward -= 0.00035 * kMotorsTorque * std::fmin(std::fabs(action[j]), 1);
    (void)reward;
    elapsed += 1;
    bool terminated = contacts.gameOver || pos.x < 0 ||
                      pos.x > (kTerrainLength - kTerrainGrass) * kTerrainStep;
    return terminated || elapsed >= 1600 + 1;
  }
};

// MARK: - Driver

/// Steps `steps` times with pre-sampled random actions (a pool of 4,096, as `gym bench`),
/// resetting at episode end; prints a JSON line.
template <class Env, class StepFn>
void run(const char *name, Env &env, long steps, bool profile, StepFn stepWithAction) {
  Section physics, resets;
  physics.enabled = resets.enabled = profile;
  // Warm-up.
  env.reset();
  for (long i = 0; i < std::min(steps, 30000L); ++i)
    if (stepWithAction(i, nullptr)) env.reset();

  long episodes = 0;
  double c0 = cpuSeconds(), w0 = wallSeconds();
  resets.begin();
  env.reset();
  resets.end();
  for (long i = 0; i < steps; ++i) {
    if (stepWithAction(i, &physics)) {
      episodes += 1;
      resets.begin();
      env.reset();
      resets.end();
    }
  }
  double cpu = cpuSeconds() - c0, wall = wallSeconds() - w0;
  double load[3] = {0, 0, 0};
  if (FILE *f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(f);
  }
  std::printf("{\"env\": \"%s\", \"iterations\": [%d, %d], \"box2d_limits\": \"%s\", \"steps\": %ld, \"episodes\": %ld, "
              "\"mean_episode_length\": %.1f, \"cpu_seconds\": %.3f, \"wall_seconds\": %.3f, "
              "\"steps_per_cpu_second\": %.0f, \"steps_per_second\": %.0f",
              name, kVelocityIterations, kPositionIterations, box2d23Limits ? "2.3 (as our envs)" : "2.4", steps, episodes,
              episodes ? double(steps) / episodes : 0.0, cpu, wall, steps / cpu, steps / wall);
  if (profile)
    std::printf(", \"step_cpu_seconds\": %.3f, \"reset_cpu_seconds\": %.3f", physics.seconds,
                resets.seconds);
  std::printf(", \"loadavg\": [%.2f, %.2f, %.2f]}\n", load[0], load[1], load[2]);
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s lunar|lunar-continuous|bipedal [steps] [--box2d24-limits] [--profile] [--iterations V,P]\n", argv[0]);
    return 2;
  }
  std::string which = argv[1];
  long steps = 300000;
  bool profile = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--box2d24-limits") == 0) box2d23Limits = false;
    else if (std::strcmp(argv[i], "--profile") == 0) profile = true;
    else if (std::strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
      if (std::sscanf(argv[++i], "%d,%d", &kVelocityIterations, &kPositionIterations) != 2 ||
          kVelocityIterations < 1 || kPositionIterations < 0) {
        std::fprintf(stderr, "--iterations takes VELOCITY,POSITION (positive), got '%s'\n", argv[i]);
        return 2;
      }
    }
    else {
      char *end = nullptr;
      steps = std::strtol(argv[i], &end, 10);
      if (*end != 0 || steps <= 0) {
        std::fprintf(stderr, "steps must be a positive integer, got '%s'\n", argv[i]);
        return 2;
      }
    }
  }

  Random actions(1);
  constexpr int pool = 4096;
  if (which == "lunar" || which == "lunar-continuous") {
    bool continuous = which == "lunar-continuous";
    std::vector<int> discrete(pool);
    std::vector<double> box(2 * pool);
    for (int i = 0; i < pool; ++i) {
      discrete[i] = actions.integers(0, 4);
      box[2 * i] = actions.uniform(-1, 1);
      box[2 * i + 1] = actions.uniform(-1, 1);
    }
    LunarLander env(continuous, 0);
    run(continuous ? "LunarLanderContinuous-v3" : "LunarLander-v3", env, steps, profile,
        [&](long i, Section *s) { return env.step(discrete[i % pool], &box[2 * (i % pool)], s); });
  } else if (which == "bipedal") {
    std::vector<double> box(4 * pool);
    for (double &a : box) a = actions.uniform(-1, 1);
    BipedalWalker env(0);
    run("BipedalWalker-v3", env, steps, profile,
        [&](long i, Section *s) { return env.step(&box[4 * (i % pool)], s); });
  } else {
    std::fprintf(stderr, "unknown env '%s': use lunar, lunar-continuous or bipedal\n", which.c_str());
    return 2;
  }
  return 0;
}
