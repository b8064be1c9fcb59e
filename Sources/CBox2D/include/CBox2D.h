// CBox2D: a plain C interface to Box2D 2.4 (C++), for Swift.
//
// Swift's C++ interop cannot call b2Body's methods or subclass b2ContactListener, so this
// header exposes Box2D through opaque handles and `cb2_`-prefixed C functions; shim.cpp
// implements them in C++. This header is plain C (C99) so Swift imports it as a C module.
//
// Ownership
//   A `cb2_world` owns everything created in it. `cb2_world_destroy` frees the world and all
//   of its bodies, fixtures and joints; their handles are invalid afterwards. Destroying a
//   body also destroys its fixtures and the joints attached to it.
//
// Tags
//   Bodies, fixtures and joints carry an integer tag (`intptr_t`, Swift `Int`) chosen by the
//   caller. Contact events and ray hits report tags, which stay meaningful after the object
//   they name has been destroyed (handles would dangle).
//
// Contact events
//   Each world records BeginContact/EndContact callbacks into an array it owns. Events
//   accumulate (across steps, and from destroying bodies or fixtures, which ends their
//   touching contacts) until `cb2_world_clear_contact_events` is called. A world that needs
//   no events can turn recording off (`cb2_world_set_contact_events`), which also spares
//   Box2D its per-contact listener calls.
//
// Invalid input
//   The Debian build of Box2D keeps its assertions, which abort the process. Creation
//   functions check what Box2D would assert on (degenerate polygons, too many vertices,
//   negative density or friction, a body from another world, ...) and return NULL (or
//   false) instead. Zero-length rays hit nothing.
//   Calling a revolute function on a prismatic joint (or the reverse) is a programmer
//   error and aborts with a message.
//
// Threads
//   A world and everything in it must be used from one thread at a time. Different worlds
//   may be stepped on different threads.
#ifndef CBOX2D_H
#define CBOX2D_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Nullability for Swift: pointers are non-null unless marked CB2_NULLABLE (clang only;
// other C compilers see plain pointers).
#if defined(__clang__)
#define CB2_NULLABLE _Nullable
#define CB2_ASSUME_NONNULL_BEGIN _Pragma("clang assume_nonnull begin")
#define CB2_ASSUME_NONNULL_END _Pragma("clang assume_nonnull end")
#else
#define CB2_NULLABLE
#define CB2_ASSUME_NONNULL_BEGIN
#define CB2_ASSUME_NONNULL_END
#endif

CB2_ASSUME_NONNULL_BEGIN

// MARK: - Types

/// The most vertices a polygon fixture may have (Box2D 2.4's `b2_maxPolygonVertices`).
#define CB2_MAX_POLYGON_VERTICES 8

/// A world: bodies, joints, the contact-event buffer.
typedef struct cb2_world cb2_world;
/// A rigid body inside a world.
typedef struct cb2_body cb2_body;
/// A shape attached to a body, with its material and collision filter.
typedef struct cb2_fixture cb2_fixture;
/// A constraint between two bodies (revolute or prismatic).
typedef struct cb2_joint cb2_joint;

/// A 2-D vector or point, in metres (Box2D's `b2Vec2`).
typedef struct cb2_vec2 {
  float x;
  float y;
} cb2_vec2;

/// How a body moves: static (never), kinematic (by its velocity only), dynamic (by forces).
typedef enum cb2_body_type {
  CB2_BODY_STATIC = 0,
  CB2_BODY_KINEMATIC = 1,
  CB2_BODY_DYNAMIC = 2,
} cb2_body_type;

/// Parameters of a new body; start from `cb2_body_def_make`, which sets Box2D's defaults.
typedef struct cb2_body_def {
  cb2_body_type type;
  cb2_vec2 position;        ///< Origin of the body in world coordinates.
  float angle;              ///< Rotation in radians.
  cb2_vec2 linear_velocity; ///< Velocity of the origin, m/s.
  float angular_velocity;   ///< rad/s.
  float linear_damping;
  float angular_damping;
  float gravity_scale;      ///< Default 1.
  bool allow_sleep;         ///< Default true.
  bool awake;               ///< Default true.
  bool fixed_rotation;
  bool bullet;              ///< Continuous collision against dynamic bodies too.
  bool enabled;             ///< Default true.
  intptr_t tag;             ///< Caller's identifier, reported in contact events and ray hits.
} cb2_body_def;

/// Which collisions a fixture takes part in (Box2D's `b2Filter`).
///
/// Two fixtures collide if their group is the same and positive, or (group different or
/// zero, and not the same negative group) each one's category is in the other's mask.
typedef struct cb2_filter {
  uint16_t category_bits; ///< Default 0x0001.
  uint16_t mask_bits;     ///< Default 0xFFFF.
  int16_t group_index;    ///< Default 0.
} cb2_filter;

/// Material and filter of a new fixture; start from `cb2_fixture_def_make`.
typedef struct cb2_fixture_def {
  float density;               ///< kg/m², default 0 (must be >= 0).
  float friction;              ///< Default 0.2.
  float restitution;           ///< Default 0.
  float restitution_threshold; ///< Speed (m/s) below which there is no bounce, default 1.
  bool is_sensor;              ///< Sensors report contacts but produce no collision response.
  cb2_filter filter;
  intptr_t tag;                ///< Caller's identifier, reported in contact events and ray hits.
} cb2_fixture_def;

/// Parameters of a revolute (hinge) joint; start from `cb2_revolute_def_make`.
typedef struct cb2_revolute_def {
  cb2_body *CB2_NULLABLE body_a;
  cb2_body *CB2_NULLABLE body_b;
  cb2_vec2 local_anchor_a; ///< Hinge point in body A's frame.
  cb2_vec2 local_anchor_b; ///< Hinge point in body B's frame.
  float reference_angle;   ///< angle(B) - angle(A) at which the joint angle reads zero.
  bool enable_limit;
  float lower_angle;       ///< Radians, must be <= upper_angle.
  float upper_angle;
  bool enable_motor;
  float motor_speed;       ///< rad/s.
  float max_motor_torque;  ///< N·m.
  bool collide_connected;  ///< Whether the two bodies collide with each other.
  intptr_t tag;
} cb2_revolute_def;

/// Parameters of a prismatic (slider) joint; start from `cb2_prismatic_def_make`.
typedef struct cb2_prismatic_def {
  cb2_body *CB2_NULLABLE body_a;
  cb2_body *CB2_NULLABLE body_b;
  cb2_vec2 local_anchor_a;
  cb2_vec2 local_anchor_b;
  cb2_vec2 local_axis_a;   ///< Slide direction in body A's frame (normalised on creation).
  float reference_angle;
  bool enable_limit;
  float lower_translation; ///< Metres, must be <= upper_translation.
  float upper_translation;
  bool enable_motor;
  float motor_speed;       ///< m/s.
  float max_motor_force;   ///< N.
  bool collide_connected;
  intptr_t tag;
} cb2_prismatic_def;

/// Whether a contact event is a begin (fixtures started touching) or an end.
typedef enum cb2_contact_kind {
  CB2_CONTACT_BEGIN = 0,
  CB2_CONTACT_END = 1,
} cb2_contact_kind;

/// One BeginContact/EndContact callback, as recorded in a world's event buffer.
typedef struct cb2_contact_event {
  cb2_contact_kind kind;
  intptr_t body_tag_a;
  intptr_t body_tag_b;
  intptr_t fixture_tag_a;
  intptr_t fixture_tag_b;
  bool is_sensor; ///< Whether either fixture is a sensor.
} cb2_contact_event;

/// The closest fixture a ray hit. Handles are valid until the world changes.
typedef struct cb2_ray_hit {
  float fraction;   ///< Where along the ray (0 = start, 1 = end) the hit is.
  cb2_vec2 point;   ///< Hit point in world coordinates.
  cb2_vec2 normal;  ///< Surface normal at the hit point.
  intptr_t body_tag;
  intptr_t fixture_tag;
  cb2_body *CB2_NULLABLE body;       ///< NULL on a miss.
  cb2_fixture *CB2_NULLABLE fixture; ///< NULL on a miss.
} cb2_ray_hit;

// MARK: - World

/// Creates an empty world with the given gravity (m/s²); sleeping is allowed.
cb2_world *cb2_world_create(cb2_vec2 gravity);
/// Destroys a world and every body, fixture and joint in it; NULL is ignored.
void cb2_world_destroy(cb2_world *CB2_NULLABLE world);
/// Advances the world by `dt` seconds with the given solver iteration counts.
void cb2_world_step(cb2_world *world, float dt, int32_t velocity_iterations,
                    int32_t position_iterations);
/// Sets the world's gravity (m/s²).
void cb2_world_set_gravity(cb2_world *world, cb2_vec2 gravity);
/// Returns the world's gravity (m/s²).
cb2_vec2 cb2_world_get_gravity(const cb2_world *world);
/// Allows or forbids bodies to fall asleep (forbidding wakes every body).
void cb2_world_set_allow_sleeping(cb2_world *world, bool flag);
/// Returns whether bodies may fall asleep.
bool cb2_world_get_allow_sleeping(const cb2_world *world);
/// Turns continuous collision (time of impact against static and kinematic bodies, which keeps
/// fast small bodies from passing through walls) on or off; on by default.
void cb2_world_set_continuous_physics(cb2_world *world, bool flag);
/// Returns whether continuous collision is on.
bool cb2_world_get_continuous_physics(const cb2_world *world);
/// Returns the number of bodies in the world.
int32_t cb2_world_body_count(const cb2_world *world);
/// Returns the number of joints in the world.
int32_t cb2_world_joint_count(const cb2_world *world);

// MARK: - Contact events

/// Returns how many contact events are in the world's buffer.
int32_t cb2_world_contact_event_count(const cb2_world *world);
/// Returns the world's event buffer (count from `cb2_world_contact_event_count`); valid until the next step, clear or body/fixture destruction.
const cb2_contact_event *CB2_NULLABLE cb2_world_contact_events(const cb2_world *world);
/// Empties the world's event buffer (keeping its capacity, so steady-state steps do not allocate).
void cb2_world_clear_contact_events(cb2_world *world);
/// Turns recording of contact events on (the default) or off. Off, the world has no contact
/// listener at all: Box2D skips its begin/end, pre-solve and post-solve callbacks (and the
/// impulse report behind the last), and the buffer stays empty.
void cb2_world_set_contact_events(cb2_world *world, bool flag);
/// Returns whether the world records contact events.
bool cb2_world_get_contact_events(const cb2_world *world);

// MARK: - Ray casts

/// Casts a ray from `from` to `to`; fills `hit` with the closest fixture whose category has a bit in `mask_bits` (sensors only if `include_sensors`) and returns true, or returns false on no hit.
bool cb2_world_ray_cast_closest(const cb2_world *world, cb2_vec2 from, cb2_vec2 to,
                                uint16_t mask_bits, bool include_sensors, cb2_ray_hit *hit);
/// Casts `count` rays (`from[i]` to `to[i]`) as `cb2_world_ray_cast_closest` does, writing `hits[i]` (fraction 1, tags 0, handles NULL on a miss); returns the number of rays that hit.
int32_t cb2_world_ray_cast_closest_batch(const cb2_world *world, const cb2_vec2 *from,
                                         const cb2_vec2 *to, int32_t count, uint16_t mask_bits,
                                         bool include_sensors, cb2_ray_hit *hits);

// MARK: - Bodies

/// Returns a body definition with Box2D's defaults and the given type, position and angle.
cb2_body_def cb2_body_def_make(cb2_body_type type, cb2_vec2 position, float angle);
/// Creates a body in the world; returns NULL if `def->type` is not a `cb2_body_type` value.
cb2_body *CB2_NULLABLE cb2_world_create_body(cb2_world *world, const cb2_body_def *def);
/// Destroys a body with its fixtures and joints (touching contacts record end events); returns false if the body is not in this world.
bool cb2_world_destroy_body(cb2_world *world, cb2_body *CB2_NULLABLE body);

/// Returns the body's caller-chosen tag.
intptr_t cb2_body_get_tag(const cb2_body *body);
/// Sets the body's caller-chosen tag.
void cb2_body_set_tag(cb2_body *body, intptr_t tag);
/// Returns the body's type.
cb2_body_type cb2_body_get_type(const cb2_body *body);
/// Changes the body's type (recomputes mass, resets contacts).
void cb2_body_set_type(cb2_body *body, cb2_body_type type);

/// Returns the position of the body's origin in world coordinates.
cb2_vec2 cb2_body_get_position(const cb2_body *body);
/// Returns the body's angle in radians (not wrapped).
float cb2_body_get_angle(const cb2_body *body);
/// Moves the body's origin to `position` with `angle` (teleport: no velocity change; wakes the body).
void cb2_body_set_transform(cb2_body *body, cb2_vec2 position, float angle);
/// Returns the centre of mass in world coordinates.
cb2_vec2 cb2_body_get_world_center(const cb2_body *body);
/// Returns the centre of mass in the body's frame.
cb2_vec2 cb2_body_get_local_center(const cb2_body *body);

/// Returns the linear velocity of the centre of mass (m/s).
cb2_vec2 cb2_body_get_linear_velocity(const cb2_body *body);
/// Sets the linear velocity of the centre of mass (m/s).
void cb2_body_set_linear_velocity(cb2_body *body, cb2_vec2 velocity);
/// Returns the angular velocity (rad/s).
float cb2_body_get_angular_velocity(const cb2_body *body);
/// Sets the angular velocity (rad/s).
void cb2_body_set_angular_velocity(cb2_body *body, float omega);
/// Returns the velocity (m/s) of the body's material point at `world_point`.
cb2_vec2 cb2_body_get_linear_velocity_at_point(const cb2_body *body, cb2_vec2 world_point);

/// Applies a force (N) at a point in world coordinates until the end of the next step.
void cb2_body_apply_force(cb2_body *body, cb2_vec2 force, cb2_vec2 world_point, bool wake);
/// Applies a force (N) at the centre of mass until the end of the next step.
void cb2_body_apply_force_to_center(cb2_body *body, cb2_vec2 force, bool wake);
/// Applies a torque (N·m) until the end of the next step.
void cb2_body_apply_torque(cb2_body *body, float torque, bool wake);
/// Applies a linear impulse (N·s) at a point in world coordinates, changing velocity at once.
void cb2_body_apply_linear_impulse(cb2_body *body, cb2_vec2 impulse, cb2_vec2 world_point,
                                   bool wake);
/// Applies a linear impulse (N·s) at the centre of mass, changing velocity at once.
void cb2_body_apply_linear_impulse_to_center(cb2_body *body, cb2_vec2 impulse, bool wake);
/// Applies an angular impulse (N·m·s), changing angular velocity at once.
void cb2_body_apply_angular_impulse(cb2_body *body, float impulse, bool wake);

/// Returns the body's mass (kg); 0 for static and kinematic bodies.
float cb2_body_get_mass(const cb2_body *body);
/// Returns the body's rotational inertia about its centre of mass (kg·m²).
float cb2_body_get_inertia(const cb2_body *body);

/// Returns whether the body is awake (false once it has rested long enough to sleep).
bool cb2_body_is_awake(const cb2_body *body);
/// Wakes the body up or puts it to sleep.
void cb2_body_set_awake(cb2_body *body, bool flag);
/// Returns whether this body may fall asleep.
bool cb2_body_is_sleeping_allowed(const cb2_body *body);
/// Allows or forbids this body to fall asleep.
void cb2_body_set_sleeping_allowed(cb2_body *body, bool flag);
/// Returns whether the body takes part in simulation.
bool cb2_body_is_enabled(const cb2_body *body);
/// Adds the body to or removes it from simulation (removal ends its contacts).
void cb2_body_set_enabled(cb2_body *body, bool flag);
/// Prevents or allows rotation.
void cb2_body_set_fixed_rotation(cb2_body *body, bool flag);
/// Turns continuous collision against dynamic bodies on or off.
void cb2_body_set_bullet(cb2_body *body, bool flag);
/// Sets linear damping (1/s).
void cb2_body_set_linear_damping(cb2_body *body, float damping);
/// Sets angular damping (1/s).
void cb2_body_set_angular_damping(cb2_body *body, float damping);
/// Sets how strongly gravity acts on the body (1 = normal).
void cb2_body_set_gravity_scale(cb2_body *body, float scale);

/// Converts a point in the body's frame to world coordinates.
cb2_vec2 cb2_body_get_world_point(const cb2_body *body, cb2_vec2 local_point);
/// Rotates a vector from the body's frame to world coordinates.
cb2_vec2 cb2_body_get_world_vector(const cb2_body *body, cb2_vec2 local_vector);
/// Converts a point in world coordinates to the body's frame.
cb2_vec2 cb2_body_get_local_point(const cb2_body *body, cb2_vec2 world_point);
/// Rotates a vector from world coordinates to the body's frame.
cb2_vec2 cb2_body_get_local_vector(const cb2_body *body, cb2_vec2 world_vector);

// MARK: - Fixtures

/// Returns a fixture definition with Box2D's defaults (density 0, friction 0.2, category 1, mask 0xFFFF).
cb2_fixture_def cb2_fixture_def_make(void);
/// Adds a convex polygon (3...CB2_MAX_POLYGON_VERTICES vertices in the body's frame, any order; Box2D takes their convex hull); returns NULL if the count is out of range, a coordinate is not finite, or the hull's area is below 1e-6 m².
cb2_fixture *CB2_NULLABLE cb2_body_add_polygon(cb2_body *body, const cb2_fixture_def *def,
                                               const cb2_vec2 *vertices, int32_t count);
/// Adds a box with half extents `half_width`, `half_height`, centred at `center` (body frame) and rotated by `angle`; returns NULL if an extent is not positive or the area is below 1e-6 m².
cb2_fixture *CB2_NULLABLE cb2_body_add_box(cb2_body *body, const cb2_fixture_def *def,
                                           float half_width, float half_height, cb2_vec2 center,
                                           float angle);
/// Adds a circle of `radius` centred at `center` (body frame); returns NULL if the radius is not positive.
cb2_fixture *CB2_NULLABLE cb2_body_add_circle(cb2_body *body, const cb2_fixture_def *def,
                                              float radius, cb2_vec2 center);
/// Adds a two-sided line segment from `v1` to `v2` (body frame; it has no mass); returns NULL if the points are within 2.5 mm of each other.
cb2_fixture *CB2_NULLABLE cb2_body_add_edge(cb2_body *body, const cb2_fixture_def *def,
                                            cb2_vec2 v1, cb2_vec2 v2);
/// Removes a fixture from its body (touching contacts record end events; mass is recomputed); returns false if it is not on this body.
bool cb2_body_destroy_fixture(cb2_body *body, cb2_fixture *CB2_NULLABLE fixture);

/// Returns the body the fixture is attached to.
cb2_body *cb2_fixture_get_body(cb2_fixture *fixture);
/// Returns the fixture's caller-chosen tag.
intptr_t cb2_fixture_get_tag(const cb2_fixture *fixture);
/// Sets the fixture's caller-chosen tag.
void cb2_fixture_set_tag(cb2_fixture *fixture, intptr_t tag);
/// Returns whether the fixture is a sensor.
bool cb2_fixture_is_sensor(const cb2_fixture *fixture);
/// Makes the fixture a sensor (contacts reported, no collision response) or a solid.
void cb2_fixture_set_sensor(cb2_fixture *fixture, bool flag);
/// Returns the fixture's collision filter.
cb2_filter cb2_fixture_get_filter(const cb2_fixture *fixture);
/// Sets the fixture's collision filter (takes effect at the next step).
void cb2_fixture_set_filter(cb2_fixture *fixture, cb2_filter filter);
/// Returns the fixture's friction coefficient.
float cb2_fixture_get_friction(const cb2_fixture *fixture);
/// Sets the friction coefficient (existing contacts keep their mixed value).
void cb2_fixture_set_friction(cb2_fixture *fixture, float friction);
/// Returns the fixture's restitution.
float cb2_fixture_get_restitution(const cb2_fixture *fixture);
/// Sets the restitution (existing contacts keep their mixed value).
void cb2_fixture_set_restitution(cb2_fixture *fixture, float restitution);
/// Returns the fixture's density (kg/m²).
float cb2_fixture_get_density(const cb2_fixture *fixture);
/// Sets the density (kg/m², >= 0; negative values are ignored) and recomputes the body's mass.
void cb2_fixture_set_density(cb2_fixture *fixture, float density);

// MARK: - Joints

/// Destroys a joint; returns false if it is not in this world.
bool cb2_world_destroy_joint(cb2_world *world, cb2_joint *CB2_NULLABLE joint);
/// Returns the joint's caller-chosen tag.
intptr_t cb2_joint_get_tag(const cb2_joint *joint);
/// Sets the joint's caller-chosen tag.
void cb2_joint_set_tag(cb2_joint *joint, intptr_t tag);
/// Returns the joint's first body.
cb2_body *cb2_joint_get_body_a(cb2_joint *joint);
/// Returns the joint's second body.
cb2_body *cb2_joint_get_body_b(cb2_joint *joint);
/// Returns the joint's anchor on body A in world coordinates.
cb2_vec2 cb2_joint_get_anchor_a(const cb2_joint *joint);
/// Returns the joint's anchor on body B in world coordinates.
cb2_vec2 cb2_joint_get_anchor_b(const cb2_joint *joint);

/// Returns a revolute definition joining `a` and `b` at the given local anchors (no limit, no motor, reference angle 0).
cb2_revolute_def cb2_revolute_def_make(cb2_body *CB2_NULLABLE a, cb2_body *CB2_NULLABLE b,
                                       cb2_vec2 local_anchor_a, cb2_vec2 local_anchor_b);
/// Returns a revolute definition joining `a` and `b` at a world point, with the reference angle taken from their current angles.
cb2_revolute_def cb2_revolute_def_make_at(cb2_body *CB2_NULLABLE a, cb2_body *CB2_NULLABLE b,
                                          cb2_vec2 world_anchor);
/// Creates a revolute joint; returns NULL if a body is NULL or not in this world, both are the same body, or lower_angle > upper_angle.
cb2_joint *CB2_NULLABLE cb2_world_create_revolute_joint(cb2_world *world,
                                                        const cb2_revolute_def *def);
/// Returns the joint angle, angle(B) - angle(A) - reference angle (radians).
float cb2_revolute_get_angle(const cb2_joint *joint);
/// Returns the joint's angular speed, ω(B) - ω(A) (rad/s).
float cb2_revolute_get_speed(const cb2_joint *joint);
/// Returns whether the motor is enabled.
bool cb2_revolute_is_motor_enabled(const cb2_joint *joint);
/// Enables or disables the motor.
void cb2_revolute_enable_motor(cb2_joint *joint, bool flag);
/// Returns the motor's target speed (rad/s).
float cb2_revolute_get_motor_speed(const cb2_joint *joint);
/// Sets the motor's target speed (rad/s).
void cb2_revolute_set_motor_speed(cb2_joint *joint, float speed);
/// Returns the most torque the motor may apply (N·m).
float cb2_revolute_get_max_motor_torque(const cb2_joint *joint);
/// Sets the most torque the motor may apply (N·m).
void cb2_revolute_set_max_motor_torque(cb2_joint *joint, float torque);
/// Returns the motor torque applied in the last step of length 1/inv_dt (N·m).
float cb2_revolute_get_motor_torque(const cb2_joint *joint, float inv_dt);
/// Returns whether the angle limit is enabled.
bool cb2_revolute_is_limit_enabled(const cb2_joint *joint);
/// Enables or disables the angle limit.
void cb2_revolute_enable_limit(cb2_joint *joint, bool flag);
/// Returns the lower angle limit (radians).
float cb2_revolute_get_lower_limit(const cb2_joint *joint);
/// Returns the upper angle limit (radians).
float cb2_revolute_get_upper_limit(const cb2_joint *joint);
/// Sets the angle limits (radians); returns false and changes nothing if lower > upper.
bool cb2_revolute_set_limits(cb2_joint *joint, float lower, float upper);

/// Gives revolute joints Box2D 2.3's limit behaviour for the coming step, quietly.
///
/// Box2D 2.4 treats an enabled limit speculatively: a joint moving towards a limit is stopped
/// exactly at it within the step. Box2D 2.3 (pybox2d, hence Gymnasium) activates a limit only
/// while the joint angle is at or beyond it when the step starts, and resets the limit's
/// accumulated impulse when that state changes. Called before every step on joints meant to
/// have limits, this sets each joint's limit flag to "angle <= lower or angle >= upper" (and
/// zeroes the limit impulses when the flag changes) without waking the bodies, so that
/// trajectories follow pybox2d's. Joints whose limits should stay off must not be passed.
void cb2_revolute_use_box2d23_limits(cb2_joint *_Nullable const *_Nonnull joints, int32_t count);

/// Returns a prismatic definition joining `a` and `b` at the given local anchors, sliding along `local_axis_a` (no limit, no motor).
cb2_prismatic_def cb2_prismatic_def_make(cb2_body *CB2_NULLABLE a, cb2_body *CB2_NULLABLE b,
                                         cb2_vec2 local_anchor_a, cb2_vec2 local_anchor_b,
                                         cb2_vec2 local_axis_a);
/// Creates a prismatic joint; returns NULL if a body is NULL or not in this world, both are the same body, the axis is zero, or lower_translation > upper_translation.
cb2_joint *CB2_NULLABLE cb2_world_create_prismatic_joint(cb2_world *world,
                                                         const cb2_prismatic_def *def);
/// Returns the translation of B's anchor from A's along the axis (m).
float cb2_prismatic_get_translation(const cb2_joint *joint);
/// Returns the translation speed (m/s).
float cb2_prismatic_get_speed(const cb2_joint *joint);
/// Enables or disables the motor.
void cb2_prismatic_enable_motor(cb2_joint *joint, bool flag);
/// Sets the motor's target speed (m/s).
void cb2_prismatic_set_motor_speed(cb2_joint *joint, float speed);
/// Sets the most force the motor may apply (N).
void cb2_prismatic_set_max_motor_force(cb2_joint *joint, float force);
/// Returns the motor force applied in the last step of length 1/inv_dt (N).
float cb2_prismatic_get_motor_force(const cb2_joint *joint, float inv_dt);
/// Enables or disables the translation limit.
void cb2_prismatic_enable_limit(cb2_joint *joint, bool flag);
/// Sets the translation limits (m); returns false and changes nothing if lower > upper.
bool cb2_prismatic_set_limits(cb2_joint *joint, float lower, float upper);

/// Returns whether the translation limit is enabled.
bool cb2_prismatic_is_limit_enabled(const cb2_joint *joint);
/// Returns the lower translation limit (m).
float cb2_prismatic_get_lower_limit(const cb2_joint *joint);
/// Returns the upper translation limit (m).
float cb2_prismatic_get_upper_limit(const cb2_joint *joint);
/// Returns whether the motor is enabled.
bool cb2_prismatic_is_motor_enabled(const cb2_joint *joint);

// MARK: - Queries

/// Finds the bodies with a fixture whose bounding box (Box2D's broad-phase AABB, which is
/// fattened by a few millimetres) overlaps the box `lower`...`upper` and whose category has a
/// bit in `mask_bits` (sensors included only if `include_sensors`). Each body counts once.
/// Writes the first `capacity` body tags to `tags` (when not NULL) and returns how many bodies
/// were found (which may exceed `capacity`).
int32_t cb2_world_query_aabb(const cb2_world *world, cb2_vec2 lower, cb2_vec2 upper,
                             uint16_t mask_bits, bool include_sensors,
                             intptr_t *CB2_NULLABLE tags, int32_t capacity);

// MARK: - Diagnostics

/// Returns how many worlds exist in this process: constructed and not yet freed (for leak tests).
int64_t cb2_debug_live_world_count(void);
/// Returns worlds constructed minus worlds freed on the calling thread. Unlike the process-wide
/// count, it is not disturbed by other threads creating worlds at the same time.
int64_t cb2_debug_thread_world_balance(void);

CB2_ASSUME_NONNULL_END

#ifdef __cplusplus
} // extern "C"
#endif

#endif // CBOX2D_H
